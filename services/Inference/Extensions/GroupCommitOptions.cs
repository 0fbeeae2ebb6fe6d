namespace Platform.Inference.Extensions;

/// <summary>
/// How answered requests' writes are gathered into one transaction (<c>Inference:GroupCommit</c>;
/// ADR 17). A group closes when it holds <see cref="MaxRequests"/> requests, or when no more are
/// waiting and <see cref="MaxDelay"/> has passed since its first one.
/// </summary>
public sealed class GroupCommitOptions
{
    /// <summary>
    /// Requests in one transaction. 256 one-row requests commit in about 4 ms (binary COPY of their
    /// kept rows, one usage row per deployment), so a full group never holds its first caller long.
    /// </summary>
    public int MaxRequests { get; set; } = 256;

    /// <summary>
    /// How long a group waits for company once nothing else is queued. Zero: while one group commits
    /// the next one fills by itself, so a lone caller pays no delay and a crowd still shares commits.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Kept rows a group writes as INSERTs in the same batch as its usage (one round trip, which is
    /// also the commit); a larger group's rows go by binary COPY in a transaction, two more round trips
    /// but far less CPU a row than EF's tracked INSERTs. 4 keeps a lone request on one round trip; at
    /// 64 connections it served about a fifth more than 32 did (ADR 17, stop 43).
    /// </summary>
    public int MaxInsertedRows { get; set; } = 4;

    /// <summary>
    /// The most <see cref="MaxInsertedRows"/> may be: such a group's kept rows, usage rows and outbox
    /// rows (at most three statements a row) must go in one Npgsql batch (1,000 statements), which is
    /// its whole transaction.
    /// </summary>
    public const int MaxInsertedRowsLimit = 256;

    /// <summary>Groups committing at once: two let one group's rows travel while the other waits for the disk.</summary>
    public int Writers { get; set; } = 2;

    /// <summary>Requests waiting for a group before new ones wait to be queued (back-pressure instead of unbounded memory).</summary>
    public int MaxWaiting { get; set; } = 4_096;
}
