using Microsoft.EntityFrameworkCore;
using Platform.Inference.Domain;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Inference.Infrastructure;

public sealed class InferenceDbContext(DbContextOptions<InferenceDbContext> options) : ServiceDbContext(options)
{
    private readonly CommitEffects _effects = new();

    public DbSet<ServedDeployment> Deployments => Set<ServedDeployment>();
    public DbSet<UsageRecord> Usage => Set<UsageRecord>();
    public DbSet<ServedPrediction> ServedPredictions => Set<ServedPrediction>();
    public DbSet<DriftWindowRecord> DriftWindows => Set<DriftWindowRecord>();
    public DbSet<ReconciliationSchedule> ReconciliationSchedule => Set<ReconciliationSchedule>();
    public DbSet<InferenceReplica> Replicas => Set<InferenceReplica>();
    public DbSet<ReplicaModel> ReplicaModels => Set<ReplicaModel>();
    public DbSet<TenantQuota> TenantQuotas => Set<TenantQuota>();
    public DbSet<ServedVersion> Versions => Set<ServedVersion>();

    /// <summary>
    /// Runs <paramref name="onCommit"/> once the current transaction commits (changing what this
    /// process serves must not get ahead of the database); <paramref name="onAbandon"/> when it
    /// does not (to free what was prepared).
    /// </summary>
    public void AfterCommit(Action onCommit, Action? onAbandon = null)
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException("AfterCommit needs an explicit transaction, such as the inbox consumer's.");
        _effects.Add(onCommit, onAbandon);
    }

    internal CommitEffects Effects => _effects;

    /// <summary>
    /// The deployment's row, or a new one: messages about a deployment come from several queues and
    /// may arrive in any order, so whichever comes first creates it.
    /// </summary>
    public async Task<ServedDeployment> FindOrAddDeploymentAsync(Guid tenantId, string name, DateTimeOffset now, CancellationToken ct)
    {
        if (await Deployments.FindAsync([tenantId, name], ct) is { } known) return known;
        var deployment = ServedDeployment.New(tenantId, name, now);
        Deployments.Add(deployment);
        return deployment;
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(CommitEffectsInterceptor.Instance);

    public override void Dispose()
    {
        _effects.Abandon();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _effects.Abandon();
        return base.DisposeAsync();
    }
}

internal sealed class InferenceDesignTimeFactory : DesignTimeDbContextFactory<InferenceDbContext>;
