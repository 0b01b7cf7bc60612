# Registers the on-prem relay as a Windows service (run as Administrator from the published win-x64 folder).
# Settings: appsettings.Production.json beside Hntt.Relay.exe (MCUs, caller keys, Kestrel's TLS certificate).
param(
    [string]$InstallPath = "C:\Program Files\HNTT Relay",
    [string]$ServiceName = "HnttRelay"
)
$ErrorActionPreference = "Stop"
New-Item -ItemType Directory -Force -Path $InstallPath | Out-Null
Copy-Item -Path (Join-Path $PSScriptRoot "*") -Destination $InstallPath -Recurse -Force
New-Item -ItemType Directory -Force -Path (Join-Path $InstallPath "audit") | Out-Null
if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
    Stop-Service -Name $ServiceName
    sc.exe delete $ServiceName | Out-Null
}
New-Service -Name $ServiceName -DisplayName "HNTT MCU relay" -StartupType Automatic `
    -BinaryPathName "`"$(Join-Path $InstallPath 'Hntt.Relay.exe')`" --environment Production" `
    -Description "Signed commands from the cloud workflow to the meeting servers (MCUs)."
sc.exe failure $ServiceName reset= 86400 actions= restart/5000/restart/5000/restart/30000 | Out-Null
Start-Service -Name $ServiceName
Get-Service -Name $ServiceName
