using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Inference;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Infrastructure;

namespace Platform.Inference.Serving;

/// <summary>
/// This replica's place among the others (ADR 18). Once it serves what the database says, it writes
/// its heartbeat and the version it serves of each deployment every few seconds, and at once after
/// a model is loaded or a promotion committed (<see cref="Notify"/>). Then it looks for promoted
/// versions not yet announced that every live replica serves, and announces each with
/// <see cref="ModelLoaded"/> through the outbox: the conditional update of the deployment's row lets
/// one replica only publish it, once.
/// </summary>
public sealed partial class ReplicaPresence(
    IServiceScopeFactory scopes, ModelHost host, SynchronizationState synchronization, IOptions<InferenceOptions> options,
    TimeProvider clock, ILogger<ReplicaPresence> logger) : BackgroundService
{
    /// <summary>A replica whose heartbeat is this old crashed long ago: its rows are removed.</summary>
    private static readonly TimeSpan Forgotten = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Dictionary<DeploymentKey, Guid> _reported = [];
    private bool _registered;

    public Guid ReplicaId { get; } = Guid.CreateVersion7();

    /// <summary>Runs a pass now rather than at the next heartbeat.</summary>
    public void Notify()
    {
        try { _signal.Release(); } catch (SemaphoreFullException) { /* a pass is due already */ }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var replicas = options.Value.Replicas;
        // Not live before it serves what the database says: others would wait for a replica still loading.
        while (!synchronization.IsSynchronized) await Task.Delay(TimeSpan.FromMilliseconds(200), clock, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(replicas, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(ex);
            }
            try
            {
                await _signal.WaitAsync(replicas.HeartbeatInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_registered) return;
        try
        {
            // A replica that leaves says so: nobody waits for it until its heartbeat ages out.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
            await db.Replicas.Where(r => r.Id == ReplicaId).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLeaveFailed(ex);
        }
    }

    private async Task PassAsync(ReplicaOptions replicas, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
        var now = clock.GetUtcNow();

        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO replicas ("Id", "Host", "StartedAt", "HeartbeatAt") VALUES ({ReplicaId}, {Environment.MachineName}, {now}, {now})
             ON CONFLICT ("Id") DO UPDATE SET "HeartbeatAt" = EXCLUDED."HeartbeatAt"
             """, ct);
        if (!_registered)
        {
            _registered = true;
            _reported.Clear(); // a row removed meanwhile (an hour without heartbeat) took its models with it
        }
        await ReportServedAsync(db, now, ct);
        await AnnounceLiveAsync(db, now - replicas.LiveTimeout, now, ct);
        await db.Replicas.Where(r => r.HeartbeatAt < now - Forgotten).ExecuteDeleteAsync(ct);
    }

    /// <summary>Writes the versions this replica serves that changed since the last pass.</summary>
    private async Task ReportServedAsync(InferenceDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var served = host.Served().ToDictionary(s => s.Deployment, s => s.ModelVersionId);
        foreach (var (deployment, version) in served)
        {
            if (_reported.TryGetValue(deployment, out var reported) && reported == version) continue;
            await db.Database.ExecuteSqlAsync(
                $"""
                 INSERT INTO replica_models ("ReplicaId", "TenantId", "DeploymentName", "ModelVersionId", "LoadedAt")
                 VALUES ({ReplicaId}, {deployment.TenantId}, {deployment.Name}, {version}, {now})
                 ON CONFLICT ("ReplicaId", "TenantId", "DeploymentName") DO UPDATE SET "ModelVersionId" = EXCLUDED."ModelVersionId", "LoadedAt" = EXCLUDED."LoadedAt"
                 """, ct);
            _reported[deployment] = version;
        }
    }

    /// <summary>Announces each promoted version that every live replica now serves; one replica's update wins, the others change nothing.</summary>
    private async Task AnnounceLiveAsync(InferenceDbContext db, DateTimeOffset liveSince, DateTimeOffset now, CancellationToken ct)
    {
        var pending = await db.Deployments.AsNoTracking()
            .Where(d => d.ModelVersionId != null && (d.LiveModelVersionId == null || d.LiveModelVersionId != d.ModelVersionId))
            .ToListAsync(ct);
        if (pending.Count == 0) return;
        var live = await db.Replicas.AsNoTracking().Where(r => r.HeartbeatAt > liveSince).Select(r => r.Id).ToListAsync(ct);
        foreach (var deployment in pending)
        {
            var version = deployment.ModelVersionId!.Value;
            var serving = await db.ReplicaModels.AsNoTracking()
                .Where(m => m.TenantId == deployment.TenantId && m.DeploymentName == deployment.Name && m.ModelVersionId == version)
                .Select(m => m.ReplicaId)
                .ToListAsync(ct);
            if (!LiveSet.EveryLiveReplicaServes(live, serving)) continue;

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE deployments SET "LiveModelVersionId" = {version}, "LiveAt" = {now}
                 WHERE "TenantId" = {deployment.TenantId} AND "Name" = {deployment.Name} AND "ModelVersionId" = {version}
                   AND "LiveModelVersionId" IS DISTINCT FROM {version}
                 """, ct);
            if (claimed != 1) continue; // another replica announced it, or a newer promotion came
            db.PublishOnCommit(new ModelLoaded(deployment.TenantId, deployment.PromotionCorrelationId ?? Guid.CreateVersion7(now), deployment.Name, version, now));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.SignalOutbox();
            LogLive(deployment.Name, deployment.TenantId, version, live.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} of tenant {TenantId} is live with model {ModelVersionId}: all {Replicas} live replicas serve it")]
    private partial void LogLive(string deployment, Guid tenantId, Guid modelVersionId, int replicas);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This replica's heartbeat pass failed; the next one tries again")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This replica could not remove its heartbeat as it stopped; the others stop waiting for it when it ages out")]
    private partial void LogLeaveFailed(Exception exception);
}
