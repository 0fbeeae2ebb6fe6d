using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Compression.Infrastructure;

public sealed class CompressionDbContext(DbContextOptions<CompressionDbContext> options) : ServiceDbContext(options);

internal sealed class CompressionDesignTimeFactory : DesignTimeDbContextFactory<CompressionDbContext>;
