namespace Platform.Inference.Domain;

/// <summary>
/// A running Inference process, as the others see it: it writes its heartbeat every few seconds
/// once it serves what the database says, and is live while its heartbeat is recent. Its rows go
/// when it stops (or, after a crash, when its heartbeat is an hour old).
/// </summary>
public sealed class InferenceReplica
{
    public Guid Id { get; init; }
    public required string Host { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset HeartbeatAt { get; set; }
}
