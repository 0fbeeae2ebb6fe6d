using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Outbox;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Inference.Infrastructure;

/// <summary>
/// Commits concurrent requests' writes together (group commit, ADR 17): one transaction holds many
/// requests' kept instances (binary COPY), one usage row per deployment and model, and that usage's
/// <c>PredictionsServed</c> in the outbox. A request is answered only once its group committed, so
/// billed == served holds even if the process dies right after; usage travels as one message per
/// group and deployment, which billing applies once by its id.
/// </summary>
public sealed class GroupCommit(IServiceScopeFactory scopes, IOptions<InferenceOptions> options, OutboxSignal outbox, TimeProvider clock, ILogger<GroupCommit> logger)
    : GroupCommitter<ServedWrite>(Limits(options.Value.GroupCommit), outbox, clock, logger)
{
    private readonly GroupCommitOptions _settings = options.Value.GroupCommit;

    private static GroupCommitLimits Limits(GroupCommitOptions settings) =>
        new(settings.MaxRequests, settings.MaxDelay, settings.Writers, settings.MaxWaiting);

    protected override void Committed(int groupSize) => InferenceTelemetry.CommitGroupSize.Record(groupSize);

    /// <summary>Writes the group in one transaction; true when saving it already woke the outbox (a write outside an explicit transaction does).</summary>
    protected override async Task<bool> WriteAsync(IReadOnlyList<ServedWrite> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
        var now = Clock.GetUtcNow();
        foreach (var served in group.GroupBy(w => (w.Deployment.Key, w.Deployment.DeploymentId, w.ModelVersionId)))
        {
            var predictions = served.Sum(w => w.Rows.Count);
            var usage = UsageRecord.For(served.First().Deployment, served.Key.ModelVersionId, predictions, now);
            db.Usage.Add(usage);
            db.PublishOnCommit(usage.ToEvent());
        }
        if (group.Sum(w => w.Rows.Count) <= _settings.MaxInsertedRows)
        {
            // A few kept rows travel as INSERTs in the usage's own batch, and the batch is the whole
            // transaction: Npgsql sends it with one Sync, so PostgreSQL runs it as one implicit
            // transaction (a failing statement rolls back the ones before it) and commits it in the
            // same round trip. EF's own BEGIN and COMMIT would add a round trip to every lone request,
            // and EF splits nothing below Npgsql's 1,000 statements a batch (MaxInsertedRows is capped
            // so a group's statements stay under it).
            foreach (var write in group) db.ServedPredictions.AddRange(write.Rows);
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            await db.SaveChangesAsync().ConfigureAwait(false);
            return true;
        }
        await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
        // One SaveChanges in the transaction: a savepoint around it would cost two round trips and guard nothing.
        db.Database.AutoSavepointsEnabled = false;
        await db.SaveChangesAsync().ConfigureAwait(false);
        await ServedPredictionCopy.WriteAsync(db, group.SelectMany(w => w.Rows), CancellationToken.None).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return false;
    }
}
