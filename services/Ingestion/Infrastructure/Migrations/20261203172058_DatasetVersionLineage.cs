using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ingestion.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DatasetVersionLineage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DerivedFromVersionId",
                table: "dataset_versions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TreatmentJson",
                table: "dataset_versions",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DerivedFromVersionId",
                table: "dataset_versions");

            migrationBuilder.DropColumn(
                name: "TreatmentJson",
                table: "dataset_versions");
        }
    }
}
