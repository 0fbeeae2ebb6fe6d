using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Compression;
using Platform.Contracts.Training;
using Platform.Registry.Extensions;
using Platform.Registry.Infrastructure;

namespace Platform.Registry.Domain;

/// <summary>
/// Gives up a run that stopped progressing (<see cref="RunStall"/>) as if its worker had reported the
/// failure: the registry applies <see cref="TrainingFailed"/> (or <see cref="CompressionFailed"/>)
/// through the pipeline's own handling, which frees the deployment and ends a retraining's episode,
/// and publishes it through the outbox in the same transaction, so the portal and anyone else see
/// an ordinary failure. The registry's own consumer then finds the run already past that step and
/// does nothing, as it does for whatever the stalled worker might still send (ADR 4).
/// </summary>
public sealed partial class StalledRuns(
    RegistryDbContext db, DeploymentPipeline pipeline, IOptions<RunWatchdogOptions> options, TimeProvider clock, ILogger<StalledRuns> logger)
{
    /// <summary>Runs in progress that have not moved for the shorter limit: the candidates, decided one by one.</summary>
    public Task<List<Guid>> CandidatesAsync(CancellationToken ct)
    {
        var limits = options.Value;
        var before = clock.GetUtcNow() - (limits.TrainingStalledAfter < limits.CompressionStalledAfter ? limits.TrainingStalledAfter : limits.CompressionStalledAfter);
        return db.Runs.AsNoTracking()
            .Where(r => (r.State == RunState.Training || r.State == RunState.Compressing || r.State == RunState.Treating) && r.ProgressedAt <= before)
            .OrderBy(r => r.ProgressedAt)
            .Select(r => r.Id)
            .ToListAsync(ct);
    }

    /// <summary>Fails the run if it is stalled as it stands now; false if it moved meanwhile or another replica was first.</summary>
    public async Task<bool> GiveUpIfStalledAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || RunStall.Reason(run, options.Value, clock.GetUtcNow()) is not { } reason) return false;

        var state = run.State;
        if (state == RunState.Treating)
        {
            await pipeline.OnTreatmentFailedAsync(run.TenantId, run.Id, reason, ct);
        }
        else if (state == RunState.Training)
        {
            var failed = new TrainingFailed(run.TenantId, run.Id, run.Id, reason);
            await pipeline.RecordTrainingFailedAsync(failed, ct);
            db.PublishOnCommit(failed);
        }
        else if (run.BaseVersionId is { } baseVersionId)
        {
            // The platform's rule for a failed compression holds: a first model serves uncompressed, a challenger fails.
            var failed = new CompressionFailed(run.TenantId, run.Id, baseVersionId, reason);
            await pipeline.RecordCompressionFailedAsync(failed, ct);
            db.PublishOnCommit(failed);
        }
        else
        {
            return false;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The run (or its deployment) changed under us: its outcome arrived, or another replica gave it up. Look again next time.
            db.ChangeTracker.Clear();
            return false;
        }
        LogGivenUp(logger, run.Id, state, reason);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} given up in {State}: {Reason}")]
    private static partial void LogGivenUp(ILogger logger, Guid runId, RunState state, string reason);
}
