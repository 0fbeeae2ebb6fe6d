using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Training.Infrastructure;

public sealed class TrainingDbContext(DbContextOptions<TrainingDbContext> options) : ServiceDbContext(options);

internal sealed class TrainingDesignTimeFactory : DesignTimeDbContextFactory<TrainingDbContext>;
