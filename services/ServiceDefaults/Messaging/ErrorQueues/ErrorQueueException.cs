namespace Platform.ServiceDefaults.Messaging.ErrorQueues;

/// <summary>An error queue could not be read or re-driven; <see cref="Exception.Message"/> says why, naming the queue.</summary>
public sealed class ErrorQueueException(string queue, string message, bool brokerUnavailable, Exception? inner = null) : Exception(message, inner)
{
    public string Queue { get; } = queue;

    /// <summary>The broker could not be reached (try again later), rather than refusing what was asked.</summary>
    public bool BrokerUnavailable { get; } = brokerUnavailable;
}
