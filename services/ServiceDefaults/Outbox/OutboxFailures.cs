namespace Platform.ServiceDefaults.Outbox;

/// <summary>
/// Tells a poison row from a transient failure, which decide opposite things: a transient failure
/// keeps the row (and every row after it) for the next attempt, so events go out in commit order;
/// a poison row is quarantined and the rows after it go on, out of order past it, because it would
/// otherwise stop its service's outbox for good (for Inference, all billing).
/// </summary>
/// <remarks>
/// The rule: a row is poison only when the failure is a property of the row itself, so that it would
/// fail the same way on every attempt and on every replica. That is a row this build cannot read (its
/// type is unknown, its payload does not fit the type: <see cref="UnreadableOutboxMessageException"/>)
/// or a message the serializer refuses before anything reaches the broker. Everything else (the
/// broker down or blocked, a publish not confirmed in time, a closed channel, and any failure we do not
/// recognise) is transient: wrongly taking a transient failure for poison would publish later events
/// before this one, while wrongly taking poison for transient only delays the outbox until someone
/// looks, which the back-off and the warning in the log make visible.
/// </remarks>
public static class OutboxFailures
{
    /// <summary>Why the row should be quarantined, or null when the failure is transient and the row must be retried in order.</summary>
    public static string? PoisonReason(Exception failure)
    {
        // The transport may wrap what its pipeline threw: look through the whole chain.
        for (var ex = failure; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case UnreadableOutboxMessageException unreadable:
                    return unreadable.Message;
                // What MassTransit's serializers throw as they build the body, before any connection is used.
                case System.Runtime.Serialization.SerializationException serialization:
                    return $"the message cannot be serialized: {Innermost(serialization).Message}";
            }
        }
        return null;
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;
}
