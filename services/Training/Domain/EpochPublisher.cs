using MassTransit;
using Platform.Contracts.Training;
using Platform.Modeling.Compression;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Training;

namespace Platform.Training.Domain;

/// <summary>
/// Publishes <see cref="TrainingProgressed"/> for every finished epoch, unthrottled: the portal draws
/// the curve per epoch, and a run sends at most <see cref="TrainerOptions.MaxEpochs"/> (200) small messages.
/// Progress is a live view, not a state change, so it goes straight to the broker rather than
/// through the outbox; a lost one is a gap in the curve, not a wrong state. Publishing happens off
/// the training thread, in order, so a slow broker never holds up an epoch.
/// </summary>
public sealed class EpochPublisher(TrainModel command, IPublishEndpoint publisher) : IProgress<EpochProgress>
{
    private Task _pending = Task.CompletedTask;

    public void Report(EpochProgress value)
    {
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
