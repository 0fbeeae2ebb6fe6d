using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inference.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PinnedVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "served_versions",
                columns: table => new
                {
                    ModelVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Technique = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ModelUri = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ModelSha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    ModelSizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    InputTreatmentJson = table.Column<string>(type: "jsonb", nullable: true),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_served_versions", x => x.ModelVersionId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_served_versions_TenantId_DeploymentName_Number",
                table: "served_versions",
                columns: new[] { "TenantId", "DeploymentName", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "served_versions");
        }
    }
}
