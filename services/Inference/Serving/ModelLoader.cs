using System.Diagnostics;
using System.Security.Cryptography;
using Platform.Contracts;
using Platform.Contracts.Datasets;
using Platform.Inference.Domain;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Telemetry;
using Platform.Tabular.Drift;

namespace Platform.Inference.Serving;

/// <summary>
/// Loads a promoted model from the artifact store into a session, in a "load model" activity so a
/// promotion's trace shows the model arriving. The bytes are checked against the reference's
/// SHA-256 first: a truncated or replaced file is refused instead of served.
/// </summary>
public sealed partial class ModelLoader(ContentAddressedStore store, OnnxSessionFactory sessions, PseudonymKeys pseudonyms, ILogger<ModelLoader> logger)
{
    public async Task<LoadedModel> LoadAsync(
        DeploymentKey deployment, Guid modelVersionId, long revision, ArtifactReference artifact, ArtifactReference? reference, CancellationToken ct,
        IReadOnlyList<ColumnTreatment>? treatment = null)
    {
        using var activity = PlatformTelemetry.ActivitySource.StartActivity("load model");
        activity?.SetTag(InferenceTelemetry.DeploymentTag, deployment.Name);
        activity?.SetTag(InferenceTelemetry.ModelVersionTag, modelVersionId);
        activity?.SetTag("platform.tenant.id", deployment.TenantId);
        activity?.SetTag("platform.model.sha256", artifact.Sha256);
        var started = Stopwatch.GetTimestamp();
        try
        {
            byte[] bytes;
            try
            {
                bytes = await store.ReadAllBytesAsync(deployment.TenantId, artifact, ct);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidModelException($"its file does not decrypt under its tenant's key ({ex.Message})");
            }
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (sha256 != artifact.Sha256)
                throw new InvalidModelException($"its content hashes to {sha256}, not to the promoted {artifact.Sha256}");

            activity?.SetTag("platform.onnx.execution_provider", sessions.ExecutionProvider);
            // A binary boosted-trees file's trees are read here, once, for its explanations (ADR 23).
            IScoringModel model = OnnxScoringModel.Load(bytes, sessions.Create);
            LogLoaded(deployment.Name, deployment.TenantId, modelVersionId, sessions.ExecutionProvider,
                model.Signature.Inputs.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            // The pseudonym key is read once per load: a shredded tenant's next load fails, as its model file would.
            var input = InputTreatment.For(treatment, model.Signature, () => pseudonyms.For(deployment.TenantId));
            return new LoadedModel(deployment, modelVersionId, revision, model,
                await LoadDriftReferenceAsync(deployment, modelVersionId, reference, model, ct), bytes.LongLength, input);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogLoadFailed(ex, deployment.Name, deployment.TenantId, modelVersionId);
            throw;
        }
    }

    /// <summary>A model serves without its drift reference rather than not at all: drift is watched, not required.</summary>
    private async Task<DriftReference?> LoadDriftReferenceAsync(
        DeploymentKey deployment, Guid modelVersionId, ArtifactReference? reference, IScoringModel model, CancellationToken ct)
    {
        if (reference is null) return null;
        try
        {
            var bytes = await store.ReadAllBytesAsync(deployment.TenantId, reference, ct);
            if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != reference.Sha256)
                throw new InvalidDataException($"the reference file does not hash to {reference.Sha256}");
            return DriftReference.Match(ReferenceStatistics.FromJson(bytes), model.Signature);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReferenceFailed(ex, deployment.Name, modelVersionId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {ModelVersionId} of deployment {Deployment} serves without drift monitoring: its reference statistics did not load")]
    private partial void LogReferenceFailed(Exception exception, string deployment, Guid modelVersionId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Loaded model {ModelVersionId} for deployment {Deployment} of tenant {TenantId} on {Provider}: {Inputs} inputs, {ElapsedMs:F0} ms")]
    private partial void LogLoaded(string deployment, Guid tenantId, Guid modelVersionId, string provider, int inputs, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading model {ModelVersionId} for deployment {Deployment} of tenant {TenantId} failed")]
    private partial void LogLoadFailed(Exception exception, string deployment, Guid tenantId, Guid modelVersionId);
}
