using Platform.Gateway.Apis;
using Platform.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapReverseProxy();
app.MapApiReference();

app.Run();
