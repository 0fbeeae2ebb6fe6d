using System.Diagnostics;
using System.Security.Cryptography;
using Platform.Contracts;
using Platform.Inference.Domain;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Inference.Serving;

/// <summary>
/// Loads a promoted model from the artifact store into a session, in a "load model" activity so a
/// promotion's trace shows the model arriving. The bytes are checked against the reference's
/// SHA-256 first: a truncated or replaced file is refused instead of served.
/// </summary>
public sealed partial class ModelLoader(ContentAddressedStore store, OnnxSessionFactory sessions, ILogger<ModelLoader> logger)
{
    public async Task<LoadedModel> LoadAsync(DeploymentKey deployment, Guid modelVersionId, int revision, ArtifactReference artifact, CancellationToken ct)
    {
        using var activity = PlatformTelemetry.ActivitySource.StartActivity("load model");
        activity?.SetTag(InferenceTelemetry.DeploymentTag, deployment.Name);
        activity?.SetTag(InferenceTelemetry.ModelVersionTag, modelVersionId);
        activity?.SetTag("platform.tenant.id", deployment.TenantId);
        activity?.SetTag("platform.model.sha256", artifact.Sha256);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var bytes = await store.ReadAllBytesAsync(artifact, ct);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (sha256 != artifact.Sha256)
                throw new InvalidModelException($"its content hashes to {sha256}, not to the promoted {artifact.Sha256}");

            activity?.SetTag("platform.onnx.execution_provider", sessions.ExecutionProvider);
            var session = sessions.Create(bytes);
            IScoringModel model;
            try
            {
                model = new OnnxScoringModel(session);
            }
            catch
            {
                session.Dispose();
                throw;
            }
            LogLoaded(deployment.Name, deployment.TenantId, modelVersionId, sessions.ExecutionProvider,
                model.Signature.Inputs.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new LoadedModel(deployment, modelVersionId, revision, model);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogLoadFailed(ex, deployment.Name, deployment.TenantId, modelVersionId);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Loaded model {ModelVersionId} for deployment {Deployment} of tenant {TenantId} on {Provider}: {Inputs} inputs, {ElapsedMs:F0} ms")]
    private partial void LogLoaded(string deployment, Guid tenantId, Guid modelVersionId, string provider, int inputs, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading model {ModelVersionId} for deployment {Deployment} of tenant {TenantId} failed")]
    private partial void LogLoadFailed(Exception exception, string deployment, Guid tenantId, Guid modelVersionId);
}
