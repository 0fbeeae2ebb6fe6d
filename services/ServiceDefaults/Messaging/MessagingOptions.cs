namespace Platform.ServiceDefaults.Messaging;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>In-process retries of a failing message, with these pauses; then the <c>_error</c> queue.</summary>
    public TimeSpan[] RetryIntervals { get; set; } =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];
}
