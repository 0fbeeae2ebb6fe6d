using Microsoft.EntityFrameworkCore;
using Platform.Ingestion.Domain;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Ingestion.Infrastructure;

public sealed class IngestionDbContext(DbContextOptions<IngestionDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();
}

internal sealed class IngestionDesignTimeFactory : DesignTimeDbContextFactory<IngestionDbContext>;
