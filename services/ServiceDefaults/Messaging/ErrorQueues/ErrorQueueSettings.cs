namespace Platform.ServiceDefaults.Messaging.ErrorQueues;

/// <summary><c>Messaging:ErrorQueues</c>: how the error queues are measured and shown.</summary>
public sealed class ErrorQueueSettings
{
    /// <summary>How often each replica reads its error queues' depth for the metric.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many messages of each error queue a listing shows (with their reasons) unless asked for another number.</summary>
    public int Peek { get; set; } = 10;

    public const int MaxPeek = 100;
}
