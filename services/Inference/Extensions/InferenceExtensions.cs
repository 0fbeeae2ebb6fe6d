using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Inference.Apis;
using Platform.ServiceDefaults.Access;
using Platform.Inference.Consumers;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Inference.Extensions;

public static class InferenceExtensions
{
    public static IHostApplicationBuilder AddInference(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<InferenceDbContext>(ResourceNames.Inference);
        builder.AddServiceMessaging(ResourceNames.Inference, bus =>
        {
            bus.AddConsumer<DeploymentCreatedConsumer>();
            bus.AddConsumer<DeploymentKeysChangedConsumer>();
            // Every replica hears key changes on its own temporary queue (a revocation must reach them all).
            bus.AddConsumer<DeploymentKeysChangedListener>().Endpoint(e =>
            {
                e.Name = $"{ResourceNames.Inference}-keys-{Guid.NewGuid():N}";
                e.Temporary = true;
            });
            bus.AddConsumer<ModelPromotedConsumer>();
            bus.AddConsumer<ModelVersionsRegisteredConsumer>();
            bus.AddConsumer<RetrainingPolicyChangedConsumer>();
            bus.AddConsumer<QuotaExceededConsumer>();
            bus.AddConsumer<QuotaRestoredConsumer>();
            // The durable consumers above change the rows once; every replica also applies promotions, drift
            // settings and quotas in its own memory at once, from a temporary queue of its own (ADR 18).
            bus.AddConsumer<ModelPromotedListener>().Endpoint(e =>
            {
                e.Name = $"{ResourceNames.Inference}-promotions-{Guid.NewGuid():N}";
                e.Temporary = true;
            });
            bus.AddConsumer<RetrainingPolicyChangedListener>().Endpoint(e =>
            {
                e.Name = $"{ResourceNames.Inference}-policies-{Guid.NewGuid():N}";
                e.Temporary = true;
            });
            bus.AddConsumer<QuotaListener>().Endpoint(e =>
            {
                e.Name = $"{ResourceNames.Inference}-quotas-{Guid.NewGuid():N}";
                e.Temporary = true;
            });
            bus.AddConsumer<ExportLabelledRowsConsumer>();
            bus.AddConsumer<UsageReconciliationRequestedConsumer>();
            bus.AddConsumer<ResendUsageConsumer>();
        });
        builder.AddArtifactStore();

        builder.Services.AddOptions<InferenceOptions>()
            .BindConfiguration(InferenceOptions.Section)
            .Validate(o => o.MaxInstancesPerRequest > 0, "Inference:MaxInstancesPerRequest must be positive")
            .Validate(o => o.MaxPredictBodyBytes > 0, "Inference:MaxPredictBodyBytes must be positive")
            .Validate(o => o.MaxInstanceProperties > 0, "Inference:MaxInstanceProperties must be positive")
            .Validate(o => o.MaxInstanceBytes > 0, "Inference:MaxInstanceBytes must be positive")
            .Validate(o => o.MaxImagePixels > 0, "Inference:MaxImagePixels must be positive")
            .Validate(o => o.MaxFeedbackItems > 0, "Inference:MaxFeedbackItems must be positive")
            .Validate(o => o.MaxLoadedModelBytes > 0, "Inference:MaxLoadedModelBytes must be positive")
            .Validate(o => o.MaxPendingDriftWindows > 0, "Inference:MaxPendingDriftWindows must be positive")
            .Validate(o => o.SyncInterval > TimeSpan.Zero, "Inference:SyncInterval must be positive")
            .Validate(o => o.IntraOpThreads >= 0, "Inference:IntraOpThreads must be 0 (all cores) or more")
            .Validate(o => o.MaxServedPredictionsPerDeployment > 0, "Inference:MaxServedPredictionsPerDeployment must be positive")
            .Validate(o => o.QualityWindowRows > 0, "Inference:QualityWindowRows must be positive")
            .Validate(o => o.KeyUsageReportInterval > TimeSpan.Zero, "Inference:KeyUsageReportInterval must be positive")
            .Validate(o => o.Reconciliation.Interval > TimeSpan.Zero, "Inference:Reconciliation:Interval must be positive")
            .Validate(o => o.Reconciliation.SettleDelay >= TimeSpan.Zero, "Inference:Reconciliation:SettleDelay must not be negative")
            .Validate(o => o.Reconciliation.Lookback > TimeSpan.Zero, "Inference:Reconciliation:Lookback must be positive")
            .Validate(o => o.GroupCommit.MaxRequests > 0, "Inference:GroupCommit:MaxRequests must be positive")
            .Validate(o => o.GroupCommit.MaxDelay >= TimeSpan.Zero, "Inference:GroupCommit:MaxDelay must not be negative")
            .Validate(o => o.GroupCommit.Writers > 0, "Inference:GroupCommit:Writers must be positive")
            .Validate(o => o.GroupCommit.MaxWaiting > 0, "Inference:GroupCommit:MaxWaiting must be positive")
            .Validate(o => o.GroupCommit.MaxInsertedRows is >= 0 and <= GroupCommitOptions.MaxInsertedRowsLimit,
                $"Inference:GroupCommit:MaxInsertedRows must be from 0 to {GroupCommitOptions.MaxInsertedRowsLimit} (a group of that many rows is written in one batch)")
            .Validate(o => o.Batching.MaxBatchRows > 0 && o.Batching.Deployments.Values.All(d => d.MaxBatchRows > 0),
                "Inference:Batching:MaxBatchRows (and each deployment's) must be positive")
            .Validate(o => o.Batching.MaxDelay >= TimeSpan.Zero && o.Batching.Deployments.Values.All(d => d.MaxDelay >= TimeSpan.Zero),
                "Inference:Batching:MaxDelay (and each deployment's) must not be negative")
            .Validate(o => o.Replicas.HeartbeatInterval > TimeSpan.Zero, "Inference:Replicas:HeartbeatInterval must be positive")
            .Validate(o => o.Replicas.LiveTimeout > o.Replicas.HeartbeatInterval, "Inference:Replicas:LiveTimeout must exceed Inference:Replicas:HeartbeatInterval")
            .ValidateOnStart();
        builder.Services.AddSingleton<DeploymentDirectory>();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        builder.Services.AddHostedService<ApiKeyUsageReporter>();
        builder.Services.AddSingleton(services => new ModelHost(services.GetRequiredService<IOptions<InferenceOptions>>().Value.MaxLoadedModelBytes));
        builder.Services.AddSingleton<OnnxSessionFactory>();
        builder.Services.AddSingleton<ModelLoader>();
        builder.Services.AddSingleton<SynchronizationState>();
        builder.Services.AddSingleton<ModelActivator>();
        builder.Services.AddSingleton<PinnedModels>();
        builder.Services.AddHostedService<ModelSynchronizer>();
        builder.Services.AddSingleton<GroupCommit>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GroupCommit>());
        builder.Services.AddSingleton<ReplicaPresence>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReplicaPresence>());
        builder.Services.AddSingleton<TenantQuotas>();
        builder.Services.AddHostedService<TenantQuotaLoader>();
        builder.Services.AddSingleton<DriftMonitor>();
        builder.Services.AddHostedService<DriftWindowRecorder>();
        builder.Services.AddHostedService<ServedPredictionRetention>();
        builder.Services.AddScoped<UsageReconciliation>();
        builder.Services.AddHostedService<UsageReconciler>();
        builder.Services.AddHealthChecks().AddCheck<SynchronizationState>("models");
        return builder;
    }
}
