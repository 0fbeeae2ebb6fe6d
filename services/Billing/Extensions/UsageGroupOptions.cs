namespace Platform.Billing.Extensions;

/// <summary>
/// How usage messages are gathered into one transaction (<c>Billing:UsageGroup</c>; ADR 17). A group
/// closes when it holds <see cref="MaxMessages"/> messages, or <see cref="MaxDelay"/> after its first.
/// </summary>
public sealed class UsageGroupOptions
{
    public const string Section = "Billing:UsageGroup";

    /// <summary>Messages in one transaction; also how many the queue hands Billing at once (its prefetch), so a group can fill.</summary>
    public int MaxMessages { get; set; } = 128;

    /// <summary>
    /// How long a group waits for company. Unlike a predict request, nobody waits on a usage message's
    /// answer: the delay only holds back a tenant's count (and a quota event) by as much. Measured on
    /// finance with one caller back to back (one usage message per request), 200 ms cut Billing's CPU
    /// per request from 4.3 ms (one transaction a message) to 1.5 ms; 50 ms, to 2.2 ms. A delay near a
    /// steady caller's interval also puts each commit due just as its next request arrives.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
