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
    /// answer: 50 ms delays a tenant's count (and a quota event) by that much, and at 100 predictions a
    /// second from one caller, each paying its own usage message, turns about five transactions into one.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(50);
}
