#!/usr/bin/env pwsh
# The build script. PowerShell 7 comes from the local tool manifest:
#   dotnet tool restore
#   dotnet pwsh ./build.ps1 <target>
# Targets: build, test, run, bench, ci (build + test), verify-audit (checks the audit trails of the all-in-one
# host's database; pass --Database:ConnectionString=... for another), set-password <user> (sets a user's password in
# the all-in-one host's database, read from $env:WFE_NEW_PASSWORD or standard input), up / down [folder] (the distributed deployment
# on this machine: RabbitMQ, PostgreSQL, an engine host and three department hosts; down stops exactly what up started).
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'run', 'bench', 'ci', 'verify-audit', 'set-password', 'up', 'down')]
    [string] $Target = 'build',

    # Passed on to the benchmark (e.g. --bundles 20000), to verify-audit or to set-password (the user first); for up and down, the folder (default .run).
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
        # The trx logger counts xunit's skipped tests as not executed in the results, but leaves notExecuted at 0.
        $skipped += [Math]::Max([int]$counters.notExecuted, [int]$counters.total - [int]$counters.executed)
    }
    if ($code -ne 0 -and $failed -eq 0) { $failed = 1 }
    Write-Output "$passed passed, $failed failed, $skipped skipped"
    if ($code -ne 0) { throw "Tests failed (exit code $code)." }
}

# The distributed deployment on one machine. RabbitMQ and PostgreSQL come from the Debian packages (rabbitmq-server,
# postgresql), each started by its .ci script on free loopback ports with its data under the folder, as the user
# running up (as root, PostgreSQL runs as the user postgres, which must reach the folder). What was started is written
# to <folder>/up.json, which down reads; an up that fails part way stops what it had started.
function Get-RunFolder {
    $folder = if ($Rest.Count -gt 0) { $Rest[0] } else { '.run' }
    return [System.IO.Path]::GetFullPath($folder, $PSScriptRoot)
}

function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { return $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Read-EnvFile([string] $Path) {
    $values = @{}
    foreach ($line in Get-Content $Path) {
        if ($line -match '^([A-Z_]+)="?(.*?)"?$') { $values[$Matches[1]] = $Matches[2] }
    }
    return $values
}

# What up needs, checked before it builds or starts anything; each missing thing said with what to do about it.
function Assert-CanGoUp([string] $Dir) {
    $missing = @()
    if (-not (Test-Path /usr/lib/rabbitmq/bin/rabbitmq-server)) { $missing += 'RabbitMQ: apt-get install rabbitmq-server (as root)' }
    if (-not (Get-ChildItem /usr/lib/postgresql/*/bin/initdb -ErrorAction SilentlyContinue)) { $missing += 'PostgreSQL: apt-get install postgresql (as root)' }
    foreach ($tool in 'psql', 'python3', 'epmd') {
        if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) { $missing += "$tool on PATH (from the packages postgresql-client, python3, erlang-base)" }
    }
    # The folder: creatable and writable by this user; as root also reachable by the user postgres, as whom
    # PostgreSQL runs (initdb refuses root).
    try {
        New-Item -ItemType Directory -Force $Dir -ErrorAction Stop | Out-Null
        & chmod 755 $Dir
        $probe = Join-Path $Dir '.up-probe'
        Set-Content $probe '' -ErrorAction Stop
        Remove-Item -Force $probe
    } catch {
        $missing += "a folder this user ($(& id -un)) can write: $Dir is not ($($_.Exception.Message)); name another: dotnet pwsh ./build.ps1 up <folder>"
    }
    if ((& id -u) -eq '0') {
        if (-not (Get-Command su -ErrorAction SilentlyContinue) -or (& id -u postgres 2>$null) -eq $null) {
            $missing += 'the user postgres (created by the package postgresql), as whom PostgreSQL runs when up runs as root'
        } elseif (Test-Path $Dir) {
            & su postgres -s /bin/sh -c "test -x '$Dir'"
            if ($LASTEXITCODE -ne 0) {
                $missing += "a folder the user postgres can reach (PostgreSQL runs as postgres when up runs as root): $Dir is not; name one such as /srv/wfe or /tmp/wfe-run: dotnet pwsh ./build.ps1 up <folder>"
            }
        }
    }
    if ($missing.Count -gt 0) {
        [Console]::Error.WriteLine("build.ps1 up needs:`n  - " + ($missing -join "`n  - ") + "`nNothing was started.")
        exit 1
    }
}

function Invoke-Up {
    $dir = Get-RunFolder
    $state = Join-Path $dir 'up.json'
    if (Test-Path $state) { throw "Already up (see $state): run 'dotnet pwsh ./build.ps1 down $dir' first." }
    Assert-CanGoUp $dir
    Invoke-Build
    $up = [ordered]@{ folder = $dir; rabbitmq = (Join-Path $dir 'rabbitmq'); postgres = (Join-Path $dir 'postgres'); hosts = @() }
    # Written before anything starts, so that down stops whatever did start, also after a failure here.
    $up | ConvertTo-Json -Depth 4 | Set-Content $state
    try {
        Start-Up $dir $state $up
    } catch {
        Write-Warning "up failed: $($_.Exception.Message)"
        Write-Warning "Stopping what up had started under $dir …"
        try {
            Stop-Up $dir
        } catch {
            Write-Warning "Could not stop everything ($($_.Exception.Message)): run 'dotnet pwsh ./build.ps1 down $dir'."
        }
        throw
    }
}

function Start-Up([string] $dir, [string] $state, $up) {
    Exec { bash .ci/rabbitmq.sh $up.rabbitmq | Out-Null }
    Exec { bash .ci/postgres.sh $up.postgres | Out-Null }
    $rabbit = (Read-EnvFile (Join-Path $up.rabbitmq 'env')).WFE_TEST_RABBITMQ
    $pg = (Read-EnvFile (Join-Path $up.postgres 'env')).WFE_TEST_POSTGRES
    if ($rabbit -notmatch '^amqp://(?<user>[^:]+):(?<password>[^@]+)@(?<host>[^:]+):(?<port>\d+)/;management=(?<management>\S+)$') { throw "Unexpected RabbitMQ address: $rabbit" }
    $broker = $Matches
    if ($pg -notmatch 'Port=(?<port>\d+);Username=(?<user>[^;]+);Password=(?<password>[^;]+)') { throw "Unexpected PostgreSQL address." }
    $db = $Matches

    # A token per department host that fetches materials; the engine is given only their hashes.
    $newToken = { [Convert]::ToHexString([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(24)).ToLowerInvariant() }
    $hashOf = { param($t) [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($t))).ToLowerInvariant() }
    $token = & $newToken
    $othersToken = & $newToken
    # The business-opening clerks' departments on one host, its automated ones on another, every other department
    # (construction permits, completion acceptance, …) on a third.
    $counterCodes = 'SAMR,PSB,BANK'
    $automatedCodes = 'TAX,HRSS,HSA,HPF'
    $taken = ($counterCodes + ',' + $automatedCodes).Split(',')
    $otherCodes = (Select-String -Path (Join-Path $PSScriptRoot 'Definitions/departments.yaml') -Pattern 'code:\s*([A-Za-z0-9-]+)' -AllMatches |
        ForEach-Object { $_.Matches } | ForEach-Object { $_.Groups[1].Value } | Where-Object { $_ -notin $taken }) -join ','
    $common = @(
        '--environment=Development',
        "--Engine:DefinitionsPath=$(Join-Path $PSScriptRoot 'Definitions')",
        '--Database:Provider=postgresql',
        '--Messaging:Transport=rabbitmq', "--Messaging:RabbitMq:Host=$($broker.host)", "--Messaging:RabbitMq:Port=$($broker.port)",
        "--Messaging:RabbitMq:Username=$($broker.user)", "--Messaging:RabbitMq:Password=$($broker.password)"
    )
    $enginePort = Get-FreePort
    $hosts = @(
        @{ name = 'engine'; project = 'WorkflowEngine.EngineHost'; port = $enginePort; args = @(
            "--Engine:BlobPath=$(Join-Path $dir 'engine-blobs')",
            '--ServiceAccounts:0:Name=counter', "--ServiceAccounts:0:TokenSha256=$(& $hashOf $token)", "--ServiceAccounts:0:Departments=$counterCodes",
            '--ServiceAccounts:1:Name=others', "--ServiceAccounts:1:TokenSha256=$(& $hashOf $othersToken)", "--ServiceAccounts:1:Departments=$otherCodes") },
        @{ name = 'counter'; project = 'WorkflowEngine.DepartmentHost'; port = (Get-FreePort); args = @(
            "--Departments:Codes=$counterCodes", "--Departments:EngineUrl=http://127.0.0.1:$enginePort", "--Departments:EngineToken=$token") },
        @{ name = 'automated'; project = 'WorkflowEngine.DepartmentHost'; port = (Get-FreePort); args = @("--Departments:Codes=$automatedCodes") },
        @{ name = 'others'; project = 'WorkflowEngine.DepartmentHost'; port = (Get-FreePort); args = @(
            "--Departments:Codes=$otherCodes", "--Departments:EngineUrl=http://127.0.0.1:$enginePort", "--Departments:EngineToken=$othersToken") }
    )
    foreach ($h in $hosts) {
        $database = "workflow_$($h.name)"
        # Kept from an earlier up on this folder, or created.
        $env:PGPASSWORD = $db.password
        $psql = @('-X', '-q', '-h', '127.0.0.1', '-p', $db.port, '-U', $db.user, '-d', 'postgres')
        if ((& psql @psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'") -ne '1') {
            Exec { psql @psql -c "CREATE DATABASE $database" }
        }
        $connection = "Host=127.0.0.1;Port=$($db.port);Username=$($db.user);Password=$($db.password);Database=$database"
        $dll = Join-Path $PSScriptRoot "Hosts/$($h.project)/bin/Release/net10.0/$($h.project).dll"
        $log = Join-Path $dir "$($h.name).log"
        $arguments = @($dll, "--urls=http://127.0.0.1:$($h.port)", "--Database:ConnectionString=$connection") + $common + $h.args
        $process = Start-Process dotnet -ArgumentList $arguments -RedirectStandardOutput $log -RedirectStandardError "$log.err" -PassThru
        # With the pid, what tells this process from a later one given the same pid: its start time and executable.
        $up.hosts += [ordered]@{ name = $h.name; pid = $process.Id; started = (Get-ProcessStart $process.Id); dll = $dll
            url = "http://127.0.0.1:$($h.port)"; log = $log; database = $database }
        $up | ConvertTo-Json -Depth 4 | Set-Content $state
    }
    foreach ($h in $up.hosts) {
        $deadline = (Get-Date).AddSeconds(90)
        while ($true) {
            try { if ((Invoke-WebRequest "$($h.url)/health" -SkipHttpErrorCheck -TimeoutSec 5).StatusCode -eq 200) { break } } catch { }
            if ((Get-Process -Id $h.pid -ErrorAction SilentlyContinue) -eq $null) { throw "The $($h.name) host exited while starting: see $($h.log) and $($h.log).err" }
            if ((Get-Date) -gt $deadline) { throw "The $($h.name) host did not answer /health within 90 s: see $($h.log)" }
            Start-Sleep -Milliseconds 500
        }
    }
    Write-Output "Up, with everything under $dir (down: dotnet pwsh ./build.ps1 down $dir):"
    Write-Output "  RabbitMQ    amqp://127.0.0.1:$($broker.port)  management $($broker.management) (user $($broker.user))"
    Write-Output "  PostgreSQL  127.0.0.1:$($db.port) (user $($db.user), password in $(Join-Path $up.postgres 'env'))"
    foreach ($h in $up.hosts) { Write-Output ("  {0,-11} {1}  log {2}" -f $h.name, $h.url, $h.log) }
    Write-Output "  Try: curl -H 'X-Demo-User: zhangsan' $($up.hosts[0].url)/api/services ; clerks (samr-clerk, psb-clerk, bank-clerk) at $($up.hosts[1].url)"
}

# When a process started, as the kernel counts it (clock ticks since boot, field 22 of /proc/<pid>/stat): exact, and
# unlike Process.StartTime not derived from the clock of the moment it is read. Null when the process is gone.
function Get-ProcessStart([int] $ProcessId) {
    $stat = Get-Content -Raw "/proc/$ProcessId/stat" -ErrorAction SilentlyContinue
    if (-not $stat) { return $null }
    # The command name (field 2) is in parentheses and may hold spaces: the fields after it are split from its end.
    return $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')[19]
}

# Stops a host that up started: SIGTERM, so that it shuts down as it should (the relay deletes what it published, the
# bus closes, the database connections end), then SIGKILL if it is still there after 10 s. A pid the kernel has since
# given to another process (the host ended, the machine restarted) is left alone.
function Stop-Host($HostState) {
    $process = Get-Process -Id $HostState.pid -ErrorAction SilentlyContinue
    if ($null -eq $process) { Write-Output "The $($HostState.name) host (pid $($HostState.pid)) had already ended."; return }
    # A state file from before up recorded the start time: the command line alone must name a host.
    $same = if ($HostState.started) { (Get-ProcessStart $HostState.pid) -eq $HostState.started } else { $process.CommandLine -like '*WorkflowEngine.*Host.dll*' }
    if (-not $same -or ($HostState.dll -and $process.CommandLine -notlike "*$($HostState.dll)*")) {
        Write-Output "The $($HostState.name) host (pid $($HostState.pid)) had already ended; that pid is now another process's, left alone."
        return
    }
    & kill -TERM $HostState.pid
    if ($process.WaitForExit(10000)) {
        Write-Output "Stopped the $($HostState.name) host (pid $($HostState.pid))."
    } else {
        & kill -KILL $HostState.pid
        $process.WaitForExit()
        Write-Output "The $($HostState.name) host (pid $($HostState.pid)) did not stop within 10 s of SIGTERM: killed."
    }
}

function Invoke-Down { Stop-Up (Get-RunFolder) }

# Stops one server with its .ci script, which prints what it did; returns its name when it is still running.
function Stop-Server([string] $Name, [string] $Script, [string] $Folder, [string] $StartedMark) {
    if (-not (Test-Path (Join-Path $Folder $StartedMark))) { Write-Host "$Name had not been started under $Folder."; return }
    & bash ".ci/$Script" stop $Folder | Write-Host
    if ($LASTEXITCODE -ne 0) { return $Name }
}

# Stops what up.json under the folder says up started; keeps up.json (and says so) when a server would not stop.
function Stop-Up([string] $dir) {
    $state = Join-Path $dir 'up.json'
    if (-not (Test-Path $state)) { Write-Output "Nothing is up under $dir."; return }
    $up = Get-Content -Raw $state | ConvertFrom-Json
    foreach ($h in $up.hosts) { Stop-Host $h }
    # Each script says whether it stopped its server or found it stopped, and fails when it is still running. A server
    # that up never got to (it failed before) left no node or data: that is said, not asked of the script.
    $running = @(
        (Stop-Server 'RabbitMQ' 'rabbitmq.sh' $up.rabbitmq 'env'),
        (Stop-Server 'PostgreSQL' 'postgres.sh' $up.postgres 'data/PG_VERSION')) | Where-Object { $_ }
    if ($running.Count -gt 0) {
        throw "$($running -join ' and ') under $dir did not stop (see above); $state is kept for another 'dotnet pwsh ./build.ps1 down $dir'."
    }
    Remove-Item $state
    Write-Output "Down: nothing up started under $dir still runs; the data and the hosts' logs stay there."
}

switch ($Target) {
    'build' { Invoke-Build }
    'test' { Invoke-Test }
    'run' { Exec { dotnet run --project Hosts/WorkflowEngine.AllInOne } }
    'bench' {
        # The distributed run starts the hosts from their own build output, and refuses a host whose assemblies are not
        # this build's: build the solution once (building one project after another recompiles shared assemblies with
        # new bytes) and run without building again. Every argument passes on (--engine-process, --department-hosts 2, --rate 50 …).
        if ($Rest -contains '--distributed') {
            Exec { dotnet build -c Release -v q --nologo WorkflowEngine.sln }
            Exec { dotnet run -c Release --no-build --project tests/WorkflowEngine.Benchmarks -- @Rest }
        }
        else {
            Exec { dotnet run -c Release --project tests/WorkflowEngine.Benchmarks -- @Rest }
        }
    }
    'ci' { Invoke-Build; Invoke-Test }
    'verify-audit' { Exec { dotnet run -c Release --project Hosts/WorkflowEngine.AllInOne -- verify-audit @Rest } }
    'set-password' { Exec { dotnet run -c Release --project Hosts/WorkflowEngine.AllInOne -- set-password @Rest } }
    'up' { Invoke-Up }
    'down' { Invoke-Down }
}
