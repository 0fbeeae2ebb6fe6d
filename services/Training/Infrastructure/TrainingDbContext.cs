using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Persistence;
using Platform.Training.Domain;

namespace Platform.Training.Infrastructure;

public sealed class TrainingDbContext(DbContextOptions<TrainingDbContext> options) : ServiceDbContext(options)
{
    public DbSet<TrainingRun> Runs => Set<TrainingRun>();
}

internal sealed class TrainingDesignTimeFactory : DesignTimeDbContextFactory<TrainingDbContext>;
