namespace Platform.ServiceDefaults.Messaging;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>In-process retries of a failing message, with these pauses; then the <c>_error</c> queue.</summary>
    public TimeSpan[] RetryIntervals { get; set; } =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>Quick retries of a message that lost an optimistic-concurrency race (20 ms more each time).</summary>
    public int ConcurrencyRetries { get; set; } = 20;
}
