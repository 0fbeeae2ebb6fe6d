using Platform.ServiceDefaults.Access;
using Platform.Training.Apis;
using Platform.Training.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddTraining();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapTrainingRunsApi();

app.Run();
