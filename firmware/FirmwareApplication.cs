using NanoTcp.Sockets;

namespace NanoTcp.Firmware
{
    /// <summary>
    /// The nanoTcp application: owns the <see cref="NetworkStack"/>, the telnet shell and the classic test services,
    /// and runs them all from one <see cref="Poll"/> call. The ESP32 entry point and the host virtual board embed it
    /// the same way:
    /// <code>
    /// var app = new FirmwareApplication(settings, link, platform);
    /// while (true) { long next = app.Poll(now); /* sleep until next or a frame arrives */ }
    /// </code>
    /// Everything is allocated in the constructor; <see cref="Poll"/> allocates nothing in steady state.
    /// The stack is shared through <see cref="Pump"/>: <see cref="Poll"/> is one pump step (stack, telnet and
    /// services under the pump's lock), and the HTTP status server's threads use the Sockets API.
    /// <see cref="Start"/> hands the pump its sleeper and starts those threads.
    /// </summary>
    public sealed class FirmwareApplication : INetworkPumpHook
    {
        private readonly IFirmwarePlatform _platform;
        private readonly ClassicService[] _services;
        private int _addressGeneration;

        /// <summary>
        /// Builds the stack from <paramref name="settings"/> over <paramref name="link"/>, opens the enabled
        /// services' listeners and logs the start-up lines to <paramref name="platform"/>.
        /// </summary>
        public FirmwareApplication(FirmwareSettings settings, ILink link, IFirmwarePlatform platform)
        {
            Settings = settings;
            _platform = platform;
            Stack = new NetworkStack(settings.BuildStackConfig(), link);
            Pump = new NetworkPump(Stack) { Hook = this };
            // TcpClient.Connect(host, port) looks names up with the stack's DNS resolver (servers from DHCP).
            Pump.Resolver = new DnsHostNameResolver(Pump);
            Ping = new PingClient(Stack);
            Listeners = new ListenerTable(5);
            if (settings.TelnetEnabled)
            {
                Telnet = new TelnetService(Stack, settings, platform, link, Ping, Listeners);
            }
            _services = new ClassicService[settings.ListenersNeeded - (settings.TelnetEnabled ? 1 : 0)];
            int n = 0;
            int connections = settings.ServiceConnections;
            // A step never moves more than a send buffer's worth, so a larger scratch would never be filled.
            int scratchSize = settings.Stack.SendBufferSize < ClassicService.MaxScratchSize ? settings.Stack.SendBufferSize : ClassicService.MaxScratchSize;
            byte[] scratch = _services.Length > 0 ? new byte[scratchSize] : null;
            if (settings.EchoEnabled) _services[n++] = new EchoService(Stack, settings.EchoPort, connections, Listeners, scratch);
            if (settings.DiscardEnabled) _services[n++] = new DiscardService(Stack, settings.DiscardPort, connections, Listeners, scratch);
            if (settings.ChargenEnabled) _services[n++] = new ChargenService(Stack, settings.ChargenPort, connections, Listeners, scratch);
            if (settings.HttpEnabled) Http = new HttpStatusServer(Pump, settings, platform, link, Listeners);
            StartupLog.Write(platform, settings, this);
            _addressGeneration = Stack.AddressGeneration;
        }

        /// <summary>The mDNS name the board answers to ("nanotcp.local"), or null without the responder.</summary>
        public string MdnsName
        {
            get { return Stack.Mdns != null ? Stack.Mdns.Name : null; }
        }

        /// <summary>Shares the stack with other threads (the HTTP server, application threads using Sockets).</summary>
        public NetworkPump Pump { get; }

        /// <summary>The HTTP status server, or null when disabled.</summary>
        public HttpStatusServer Http { get; }

        /// <summary>
        /// Gives the pump the main loop's clock and wake-up (<paramref name="sleeper"/>.Wake must end the loop's
        /// sleep) and starts the HTTP server's threads. Call once, before the loop.
        /// </summary>
        public void Start(INetworkPumpSleeper sleeper)
        {
            Pump.Sleeper = sleeper;
            if (Http != null) Http.Start();
        }

        /// <summary>The TCP/IP stack the application runs (for tracing, tests and the virtual board).</summary>
        public NetworkStack Stack { get; }

        /// <summary>The settings the application was built with.</summary>
        public FirmwareSettings Settings { get; }

        /// <summary>The telnet shell service, or null when disabled.</summary>
        public TelnetService Telnet { get; }

        /// <summary>The ICMP echo client behind the shell's <c>ping</c> command (it owns <see cref="NetworkStack.EchoListener"/>).</summary>
        public PingClient Ping { get; }

        /// <summary>The listening ports the application opened.</summary>
        public ListenerTable Listeners { get; }

        /// <summary>The classic services (echo, discard, chargen) that are enabled, in that order.</summary>
        public int ServiceCount => _services.Length;

        /// <summary>The enabled classic service at <paramref name="index"/>.</summary>
        public ClassicService GetService(int index) => _services[index];

        /// <summary>
        /// Receives and sends frames, runs the stack's timers and every service, and returns the absolute time (ms,
        /// same clock as <paramref name="nowMs"/>) by which Poll must run again even if no frame arrives, or at once
        /// when <c>Pump.TakeWakeRequest()</c> is true (another thread queued work).
        /// </summary>
        public long Poll(long nowMs) => Pump.Step(nowMs);

        // One pump step's work, with the pump's lock held.
        long INetworkPumpHook.Poll(long nowMs)
        {
            // One stack poll per iteration: ingress, timers, egress. The services then serve what arrived; what they
            // queue (Send, Close, a Receive that opened the window) makes Stack.PollAt the time of this poll, so the
            // caller comes back at once and the next iteration's poll sends it.
            long next = Stack.Poll(nowMs);
            if (Telnet != null) next = Deadline.Earliest(next, Telnet.Poll(nowMs));
            for (int i = 0; i < _services.Length; i++)
            {
                next = Deadline.Earliest(next, _services[i].Poll(nowMs));
            }
            next = Deadline.Earliest(next, Stack.PollAt);
            if (Stack.AddressGeneration != _addressGeneration)
            {
                _addressGeneration = Stack.AddressGeneration;
                AddressLog.Write(_platform, this, nowMs);
            }
            if (Telnet != null && Telnet.TakeRebootDue(nowMs) && _platform.CanReboot)
            {
                _platform.Log("nanoTcp: rebooting (shell command)");
                _platform.Reboot();
            }
            return next;
        }
    }
}
