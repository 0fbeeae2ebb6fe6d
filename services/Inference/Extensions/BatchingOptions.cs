namespace Platform.Inference.Extensions;

/// <summary>
/// Dynamic batching (<c>Inference:Batching</c>; ADR 17): concurrent requests for one model are scored
/// as one ONNX Runtime run, as Triton's dynamic batcher does. Defaults hold for every deployment;
/// <see cref="Deployments"/> overrides them by deployment name.
/// </summary>
public sealed class BatchingOptions
{
    /// <summary>Rows in one run. Past a few hundred rows a run costs as much per row as two runs would.</summary>
    public int MaxBatchRows { get; set; } = 256;

    /// <summary>
    /// How long the first request waits for others once none is queued. Zero: requests that arrive
    /// while a run is busy form the next one, so batching costs a lone request nothing.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Per deployment name: <c>Inference:Batching:Deployments:credit:MaxDelay=00:00:00.002</c>.</summary>
    public Dictionary<string, DeploymentBatching> Deployments { get; set; } = new(StringComparer.Ordinal);

    public DeploymentBatching For(string deployment) =>
        Deployments.TryGetValue(deployment, out var own) ? own : _defaults ??= new DeploymentBatching { MaxBatchRows = MaxBatchRows, MaxDelay = MaxDelay };

    private DeploymentBatching? _defaults;
}

public sealed class DeploymentBatching
{
    public int MaxBatchRows { get; set; } = 256;
    public TimeSpan MaxDelay { get; set; } = TimeSpan.Zero;
}
