using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Inference.Infrastructure;

public sealed class InferenceDbContext(DbContextOptions<InferenceDbContext> options) : ServiceDbContext(options);

internal sealed class InferenceDesignTimeFactory : DesignTimeDbContextFactory<InferenceDbContext>;
