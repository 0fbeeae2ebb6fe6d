namespace Platform.Modeling.Evaluation;

/// <summary>A model file measured on its dataset's test rows: quality, and median latency per call at batch 1 and 64.</summary>
public sealed record EvaluationReport(ModelMetrics TestMetrics, int TestRows, double LatencyBatch1Ms, double LatencyBatch64Ms, long ModelBytes);
