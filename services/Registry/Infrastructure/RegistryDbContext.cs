using Microsoft.EntityFrameworkCore;
using Platform.Registry.Domain;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Registry.Infrastructure;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : ServiceDbContext(options)
{
    public DbSet<RegisteredDatasetVersion> DatasetVersions => Set<RegisteredDatasetVersion>();
}

internal sealed class RegistryDesignTimeFactory : DesignTimeDbContextFactory<RegistryDbContext>;
