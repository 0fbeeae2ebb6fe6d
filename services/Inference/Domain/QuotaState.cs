using Platform.Contracts.Billing;

namespace Platform.Inference.Domain;

/// <summary>
/// A tenant's quota as Inference enforces it, from Billing's latest quota event. <see cref="EventId"/>
/// (the event's UUIDv7) orders the states: an event overtaken by a later one changes nothing,
/// whichever queue or replica applies it. An exceeded quota refuses until <see cref="ResetsAt"/>, even
/// if the event that restores it is late.
/// </summary>
public sealed record QuotaState(
    Guid TenantId, Guid EventId, bool Exceeded, string Quota, long Limit, long Used, DateTimeOffset? ResetsAt, string Reason, DateTimeOffset ChangedAt)
{
    public static QuotaState From(QuotaExceeded e, Guid eventId) =>
        new(e.TenantId, eventId, true, e.Quota, e.Limit, e.Used, e.ResetsAt, e.Reason, e.ExceededAt);

    public static QuotaState From(QuotaRestored e, Guid eventId) =>
        new(e.TenantId, eventId, false, e.Quota, 0, 0, null, e.Reason, e.RestoredAt);

    /// <summary>Whether this state replaces <paramref name="held"/>: it is later, by its event's id.</summary>
    public bool Supersedes(QuotaState? held) => held is null || EventId.CompareTo(held.EventId) > 0;

    public bool Refuses(DateTimeOffset now) => Exceeded && (ResetsAt is not { } resets || now < resets);
}
