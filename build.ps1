#!/usr/bin/env pwsh
# The build script. PowerShell 7 comes from the local tool manifest:
#   dotnet tool restore
#   dotnet pwsh ./build.ps1 <target>
# Targets: build, test, run, bench, ci (build + test), verify-audit (checks the audit trails of the all-in-one
# host's database; pass --Database:ConnectionString=... for another).
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'run', 'bench', 'ci', 'verify-audit')]
    [string] $Target = 'build',

    # Passed on to the benchmark (e.g. --bundles 20000) or to verify-audit.
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $Rest = @()
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$results = Join-Path $PSScriptRoot 'TestResults'

function Exec([scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "Command failed with exit code ${LASTEXITCODE}: $Command" }
}

function Invoke-Build {
    Exec { dotnet build WorkflowEngine.sln -c Release }
}

# Runs every test project and ends with the plain line CI reads: "N passed, N failed, N skipped".
function Invoke-Test {
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    & dotnet test WorkflowEngine.sln -c Release --logger 'trx' --results-directory $results
    $code = $LASTEXITCODE
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($file in Get-ChildItem -Path $results -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -Raw $file.FullName)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $skipped += [int]$counters.notExecuted
    }
    if ($code -ne 0 -and $failed -eq 0) { $failed = 1 }
    Write-Output "$passed passed, $failed failed, $skipped skipped"
    if ($code -ne 0) { throw "Tests failed (exit code $code)." }
}

switch ($Target) {
    'build' { Invoke-Build }
    'test' { Invoke-Test }
    'run' { Exec { dotnet run --project Hosts/WorkflowEngine.AllInOne } }
    'bench' { Exec { dotnet run -c Release --project tests/WorkflowEngine.Benchmarks -- @Rest } }
    'ci' { Invoke-Build; Invoke-Test }
    'verify-audit' { Exec { dotnet run -c Release --project Hosts/WorkflowEngine.AllInOne -- verify-audit @Rest } }
}
