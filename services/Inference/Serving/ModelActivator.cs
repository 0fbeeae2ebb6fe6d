using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Datasets;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;

namespace Platform.Inference.Serving;

/// <summary>
/// Makes a promoted version current in this replica, whoever asks: the replica's promotion
/// listener, the durable consumer, the synchronizer, or a request for a deployment this replica has
/// no model for (loaded on demand from the deployment's row and the artifact store instead of a
/// 409). Concurrent asks for one version share one load. Each activation is reported to
/// <see cref="ReplicaPresence"/>, which records what this replica serves and announces the
/// deployment live once every live replica serves it.
/// </summary>
public sealed partial class ModelActivator(
    ModelHost host, ModelLoader loader, ReplicaPresence presence, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ModelActivator> logger)
{
    /// <summary>A request for a deployment without a promoted model asks the database at most this often.</summary>
    private static readonly TimeSpan MissRetention = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(DeploymentKey, Guid), Lazy<Task>> _loading = new();
    private readonly ConcurrentDictionary<DeploymentKey, DateTimeOffset> _misses = new();

    /// <summary>
    /// Serves the version unless it (or a later promotion) already is; throws when the model cannot
    /// be loaded (the deployment keeps what it served). The load itself is not cancelled with one
    /// caller: another may be waiting for it.
    /// </summary>
    public async Task EnsureServingAsync(
        DeploymentKey deployment, Guid modelVersionId, long order, ArtifactReference model, ArtifactReference? reference, CancellationToken ct,
        IReadOnlyList<ColumnTreatment>? treatment = null)
    {
        if (Serves(deployment, modelVersionId, order)) return;
        var load = _loading.GetOrAdd((deployment, modelVersionId), key => new Lazy<Task>(() => LoadAsync(key, order, model, reference, treatment)));
        try
        {
            await load.Value.WaitAsync(ct);
        }
        finally
        {
            if (load.IsValueCreated && load.Value.IsCompleted) _loading.TryRemove(new((deployment, modelVersionId), load));
        }
    }

    /// <summary>
    /// A request found no model here: loads the deployment's promoted version from its row, if it
    /// has one. False when it has none (the caller answers "no model yet").
    /// </summary>
    public async Task<bool> LoadOnDemandAsync(DeploymentKey deployment, CancellationToken ct)
    {
        if (host.Current(deployment) is not null) return true;
        var now = clock.GetUtcNow();
        if (_misses.TryGetValue(deployment, out var missed) && now - missed < MissRetention) return false;

        ServedDeployment? row;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
            row = await db.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == deployment.TenantId && d.Name == deployment.Name, ct);
        }
        if (row is not { ModelVersionId: { } version, Model: { } artifact })
        {
            _misses[deployment] = now;
            return false;
        }
        _misses.TryRemove(deployment, out _);
        LogOnDemand(deployment.Name, deployment.TenantId, version);
        await EnsureServingAsync(deployment, version, PromotionOrder.Of(row.PromotionMessageId), artifact, row.Reference, ct, row.InputTreatment);
        return host.Current(deployment) is not null;
    }

    private bool Serves(DeploymentKey deployment, Guid modelVersionId, long order) =>
        host.Current(deployment) is { } current && (current.ModelVersionId == modelVersionId || current.Revision > order);

    private async Task LoadAsync(
        (DeploymentKey Deployment, Guid Version) key, long order, ArtifactReference model, ArtifactReference? reference, IReadOnlyList<ColumnTreatment>? treatment)
    {
        if (Serves(key.Deployment, key.Version, order)) return;
        var loaded = await loader.LoadAsync(key.Deployment, key.Version, order, model, reference, CancellationToken.None, treatment);
        if (host.Activate(loaded, out var evicted)) LogServing(key.Deployment.Name, key.Deployment.TenantId, key.Version);
        foreach (var gone in evicted)
        {
            InferenceTelemetry.ModelsEvicted.Add(1, new KeyValuePair<string, object?>(InferenceTelemetry.DeploymentTag, gone.Deployment.Name));
            LogEvicted(gone.Deployment.Name, gone.Deployment.TenantId, gone.ModelVersionId, gone.Bytes, host.MaxLoadedBytes);
        }
        presence.Notify();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} of tenant {TenantId} now serves model {ModelVersionId} on this replica")]
    private partial void LogServing(string deployment, Guid tenantId, Guid modelVersionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evicted model {ModelVersionId} ({Bytes} bytes) of deployment {Deployment} of tenant {TenantId}, the least recently used, to stay within {Budget} bytes of loaded models; its next request loads it again")]
    private partial void LogEvicted(string deployment, Guid tenantId, Guid modelVersionId, long bytes, long budget);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} of tenant {TenantId} had no model on this replica: loading {ModelVersionId} for the request")]
    private partial void LogOnDemand(string deployment, Guid tenantId, Guid modelVersionId);
}
