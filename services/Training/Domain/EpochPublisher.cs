using MassTransit;
using Platform.Contracts.Training;
using Platform.Modeling.Compression;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Training;

namespace Platform.Training.Domain;

/// <summary>
/// Publishes <see cref="TrainingProgressed"/> as epochs finish. Progress is a live view, not a state
/// change, so it goes straight to the broker rather than through the outbox; a lost one is
/// replaced by the next. Publishing happens off the training thread, in order.
/// </summary>
public sealed class EpochPublisher(TrainModel command, IPublishEndpoint publisher, TimeProvider clock) : IProgress<EpochProgress>
{
    private readonly TimeSpan _minimumInterval = TimeSpan.FromMilliseconds(250);
    private Task _pending = Task.CompletedTask;
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;

    public void Report(EpochProgress value)
    {
        var now = clock.GetUtcNow();
        if (now - _lastSent < _minimumInterval && value.Epoch < value.MaxEpochs) return;
        _lastSent = now;

        var remaining = value.Epoch > 0
            ? TimeSpan.FromTicks(value.Elapsed.Ticks / value.Epoch * Math.Max(0, value.MaxEpochs - value.Epoch))
            : (TimeSpan?)null;
        var message = new TrainingProgressed(
            command.TenantId, command.CorrelationId, command.TrainingRunId,
            value.Epoch, value.TrainLoss, value.ValidationLoss, value.ValidationAuc, remaining);
        lock (this) _pending = _pending.ContinueWith(_ => publisher.Publish(message), TaskScheduler.Default).Unwrap();
    }

    public Task FlushAsync()
    {
        lock (this) return _pending;
    }
}
