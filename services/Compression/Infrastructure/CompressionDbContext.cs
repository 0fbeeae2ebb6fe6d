using Microsoft.EntityFrameworkCore;
using Platform.Compression.Domain;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Compression.Infrastructure;

public sealed class CompressionDbContext(DbContextOptions<CompressionDbContext> options) : ServiceDbContext(options)
{
    public DbSet<CompressionJobRecord> Jobs => Set<CompressionJobRecord>();
}

internal sealed class CompressionDesignTimeFactory : DesignTimeDbContextFactory<CompressionDbContext>;
