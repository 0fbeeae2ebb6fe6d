using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Inference.Infrastructure;

/// <summary>
/// Ties <see cref="InferenceDbContext.AfterCommit"/> effects to the transaction's outcome. A new
/// transaction first abandons what an earlier, failed attempt left (a retry in the same scope);
/// disposing the context abandons the rest.
/// </summary>
internal sealed class CommitEffectsInterceptor : DbTransactionInterceptor
{
    public static readonly CommitEffectsInterceptor Instance = new();

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        EffectsOf(eventData)?.Abandon();
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        EffectsOf(eventData)?.Abandon();
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        EffectsOf(eventData)?.Commit();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EffectsOf(eventData)?.Commit();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        EffectsOf(eventData)?.Abandon();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EffectsOf(eventData)?.Abandon();
        return Task.CompletedTask;
    }

    private static CommitEffects? EffectsOf(TransactionEventData eventData) => (eventData.Context as InferenceDbContext)?.Effects;
}
