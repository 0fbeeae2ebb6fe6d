using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inference.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Deployments served before drift monitoring get the policy defaults, not zeros.
            migrationBuilder.AddColumn<int>(
                name: "ConsecutiveWindows",
                table: "deployments",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DriftChangedAt",
                table: "deployments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "PsiThreshold",
                table: "deployments",
                type: "double precision",
                nullable: false,
                defaultValue: 0.2);

            migrationBuilder.AddColumn<string>(
                name: "ReferenceSha256",
                table: "deployments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReferenceSizeBytes",
                table: "deployments",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReferenceUri",
                table: "deployments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WindowRows",
                table: "deployments",
                type: "integer",
                nullable: false,
                defaultValue: 500);

            migrationBuilder.AddColumn<int>(
                name: "WindowSeconds",
                table: "deployments",
                type: "integer",
                nullable: false,
                defaultValue: 300);

            migrationBuilder.CreateTable(
                name: "drift_windows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModelVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    WindowStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WindowEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rows = table.Column<long>(type: "bigint", nullable: false),
                    Psi = table.Column<string>(type: "jsonb", nullable: false),
                    MaxPsi = table.Column<double>(type: "double precision", nullable: false),
                    DriftedFeatures = table.Column<List<string>>(type: "text[]", nullable: false),
                    DriftDetected = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drift_windows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "served_predictions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModelVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Instance = table.Column<string>(type: "jsonb", nullable: false),
                    PositiveProbability = table.Column<double>(type: "double precision", nullable: false),
                    PredictedLabel = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ServedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LabelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_served_predictions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_drift_windows_TenantId_DeploymentName_WindowEnd",
                table: "drift_windows",
                columns: new[] { "TenantId", "DeploymentName", "WindowEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_served_predictions_TenantId_DeploymentName_ModelVersionId_L~",
                table: "served_predictions",
                columns: new[] { "TenantId", "DeploymentName", "ModelVersionId", "LabelledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_served_predictions_TenantId_DeploymentName_ServedAt",
                table: "served_predictions",
                columns: new[] { "TenantId", "DeploymentName", "ServedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "drift_windows");

            migrationBuilder.DropTable(
                name: "served_predictions");

            migrationBuilder.DropColumn(
                name: "ConsecutiveWindows",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "DriftChangedAt",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "PsiThreshold",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "ReferenceSha256",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "ReferenceSizeBytes",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "ReferenceUri",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "WindowRows",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "WindowSeconds",
                table: "deployments");
        }
    }
}
