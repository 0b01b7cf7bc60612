// The on-prem relay: `Relay` settings in appsettings.json or environment variables; TLS via Kestrel's certificate settings.
await Hntt.Relay.RelayApp.Build(args).RunAsync();
