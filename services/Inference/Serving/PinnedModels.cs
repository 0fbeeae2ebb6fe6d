using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Infrastructure;

namespace Platform.Inference.Serving;

/// <summary>
/// The model a request asked for: the deployment's promoted model, or a version it pinned by number
/// ("3") or id, promoted or not (a compressed variant, an earlier champion, a rejected challenger),
/// as KServe and Triton serve <c>/versions/{v}</c>. A pinned version that is not the promoted one is
/// loaded on its first request and kept among at most <see cref="InferenceOptions.MaxPinnedModels"/>,
/// the least recently used unloaded first; it is scored, billed and kept for feedback like the
/// promoted model, but not watched for drift (drift watches what the deployment serves).
/// </summary>
public sealed partial class PinnedModels(
    ModelHost host, ModelLoader loader, IServiceScopeFactory scopes, IOptions<InferenceOptions> options, ILogger<PinnedModels> logger) : IDisposable
{
    // Registered versions never change: a row found once is kept (the misses are asked again).
    private readonly ConcurrentDictionary<(DeploymentKey, string), ServedVersion> _versions = new();
    private readonly Dictionary<Guid, Entry> _loaded = [];
    private readonly Lock _gate = new();
    private long _uses;

    /// <summary>
    /// A lease on the model to score with: the promoted one when <paramref name="version"/> is null
    /// or names it, the pinned version otherwise; <see cref="ModelChoice.Unknown"/> says why none,
    /// when the deployment has no such version.
    /// </summary>
    public ValueTask<ModelChoice> AcquireAsync(DeploymentKey deployment, string? version, CancellationToken ct) =>
        // The common request pins nothing: answered without a state machine.
        version is null ? ValueTask.FromResult(new ModelChoice(host.Acquire(deployment), null)) : AcquirePinnedAsync(deployment, version, ct);

    private async ValueTask<ModelChoice> AcquirePinnedAsync(DeploymentKey deployment, string version, CancellationToken ct)
    {
        var promoted = host.Acquire(deployment);
        if (promoted is not null && Guid.TryParse(version, out var id) && id == promoted.Model.ModelVersionId) return new(promoted, null);

        var (row, unknown) = await FindAsync(deployment, version, ct);
        if (row is not null && promoted is not null && row.ModelVersionId == promoted.Model.ModelVersionId) return new(promoted, null);
        promoted?.Dispose();
        if (row is null) return new(null, unknown);
        try
        {
            return new(await LeaseAsync(row, ct), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged by the loader (a file that no longer hashes or decrypts, say); the caller gets why.
            return new(null, null, $"Version {row.Number} ({row.Technique}) of deployment '{deployment.Name}' could not be loaded: {ex.Message}");
        }
    }

    private async Task<(ServedVersion? Row, string? Unknown)> FindAsync(DeploymentKey deployment, string version, CancellationToken ct)
    {
        if (_versions.TryGetValue((deployment, version), out var known)) return (known, null);
        var number = int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var id = Guid.TryParse(version, out var g) ? g : (Guid?)null;
        if (number is null && id is null)
            return (null, $"'{version}' is neither a version number of deployment '{deployment.Name}' nor a model version id.");

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
        var versions = db.Versions.AsNoTracking().Where(v => v.TenantId == deployment.TenantId && v.DeploymentName == deployment.Name);
        var row = number is { } wanted
            ? await versions.FirstOrDefaultAsync(v => v.Number == wanted, ct)
            : await versions.FirstOrDefaultAsync(v => v.ModelVersionId == id, ct);
        if (row is not null) return (_versions[(deployment, version)] = row, null);
        var numbers = await versions.OrderBy(v => v.Number).Select(v => v.Number).ToListAsync(ct);
        return (null, numbers.Count == 0
            ? $"Deployment '{deployment.Name}' has no version {version} to pin: it has no registered versions yet."
            : $"Deployment '{deployment.Name}' has no version {version}; its versions are {string.Join(", ", numbers)}.");
    }

    private async Task<ModelLease> LeaseAsync(ServedVersion version, CancellationToken ct)
    {
        while (true)
        {
            Entry entry;
            lock (_gate)
            {
                if (!_loaded.TryGetValue(version.ModelVersionId, out entry!))
                {
                    entry = new Entry(new Lazy<Task<LoadedModel>>(() => LoadAsync(version)));
                    _loaded[version.ModelVersionId] = entry;
                }
                entry.LastUsed = ++_uses;
            }
            LoadedModel model;
            try
            {
                model = await entry.Load.Value.WaitAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next request tries again rather than finding a failed load cached.
                lock (_gate)
                {
                    if (_loaded.TryGetValue(version.ModelVersionId, out var current) && ReferenceEquals(current, entry)) _loaded.Remove(version.ModelVersionId);
                }
                throw;
            }
            if (model.TryAddReference()) return new ModelLease(model);
            // Unloaded between the load and the lease: load it again.
        }
    }

    private async Task<LoadedModel> LoadAsync(ServedVersion version)
    {
        // Revision 0 and no drift reference: a pinned version never takes the deployment's drift window.
        var model = await loader.LoadAsync(version.Deployment, version.ModelVersionId, 0, version.Model, reference: null, CancellationToken.None, version.InputTreatment);
        LogPinned(version.DeploymentName, version.TenantId, version.Number, version.Technique, version.ModelVersionId);
        UnloadOverLimit();
        return model;
    }

    /// <summary>Unloads the least recently used pinned versions past the limit (a request holding one finishes with it).</summary>
    private void UnloadOverLimit()
    {
        List<Entry> unloaded = [];
        lock (_gate)
        {
            while (_loaded.Count > Math.Max(1, options.Value.MaxPinnedModels))
            {
                var (id, victim) = _loaded.Where(e => e.Value.Load.IsValueCreated && e.Value.Load.Value.IsCompletedSuccessfully)
                    .MinBy(e => e.Value.LastUsed);
                if (victim is null) break;
                _loaded.Remove(id);
                unloaded.Add(victim);
            }
        }
        foreach (var entry in unloaded) entry.Load.Value.Result.Release();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _loaded.Values.Where(e => e.Load.IsValueCreated && e.Load.Value.IsCompletedSuccessfully))
                entry.Load.Value.Result.Release();
            _loaded.Clear();
        }
    }

    private sealed class Entry(Lazy<Task<LoadedModel>> load)
    {
        public Lazy<Task<LoadedModel>> Load { get; } = load;
        public long LastUsed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} of tenant {TenantId}: pinned version {Number} ({Technique}, model {ModelVersionId}) loaded for requests that name it")]
    private partial void LogPinned(string deployment, Guid tenantId, int number, string technique, Guid modelVersionId);
}

/// <summary>
/// The model a request scores with (null when none is served), or why not: the version it named is
/// not one of its deployment's (<see cref="Unknown"/>), or its file could not be loaded (<see cref="Unloadable"/>).
/// </summary>
public sealed record ModelChoice(ModelLease? Lease, string? Unknown, string? Unloadable = null);
