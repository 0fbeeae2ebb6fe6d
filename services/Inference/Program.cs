using Platform.ServiceDefaults.Access;
using Platform.Inference.Apis;
using Platform.Inference.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddInference();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapDeploymentsApi();
app.MapPredictionsApi();
app.MapOpenInferenceApi();
app.MapFeedbackApi();
app.MapMonitoringApi();
app.MapServedUsageApi();

app.Run();
