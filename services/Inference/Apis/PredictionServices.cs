using Microsoft.Extensions.Options;
using Platform.Inference.Extensions;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;

namespace Platform.Inference.Apis;

/// <summary>What the predict endpoint needs, bound as one <c>[AsParameters]</c> bundle.</summary>
public sealed record PredictionServices(
    ModelHost Host,
    DriftMonitor Drift,
    InferenceDbContext Db,
    TimeProvider Clock,
    IOptions<InferenceOptions> Options,
    ILogger<PredictionServices> Logger);
