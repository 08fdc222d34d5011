namespace NanoTcp.Firmware
{
    /// <summary>Everything the shell commands of all sessions share (read-only references set at start-up).</summary>
    public sealed class ShellEnvironment
    {
        /// <summary>Collects the shared references.</summary>
        public ShellEnvironment(NetworkStack stack, FirmwareSettings settings, IFirmwarePlatform platform, ILink link,
            PingClient ping, ListenerTable listeners)
        {
            Stack = stack;
            Settings = settings;
            Platform = platform;
            Link = link;
            Ping = ping;
            Listeners = listeners;
        }

        /// <summary>The TCP/IP stack.</summary>
        public NetworkStack Stack { get; }

        /// <summary>
        /// Scratch for <see cref="NetworkStack.GetConnectionInfo"/>, shared by every session and command: filled and
        /// read within one call on the pump's thread, never kept across calls (one object instead of one per user
        /// saves about 1.2 KB of the device heap).
        /// </summary>
        public readonly TcpConnectionInfo ConnectionInfo = new TcpConnectionInfo();

        /// <summary>The application's settings.</summary>
        public FirmwareSettings Settings { get; }

        /// <summary>The platform (board name, memory, reboot, driver status).</summary>
        public IFirmwarePlatform Platform { get; }

        /// <summary>The link under the stack (for its up/down state).</summary>
        public ILink Link { get; }

        /// <summary>The ICMP echo client.</summary>
        public PingClient Ping { get; }

        /// <summary>The application's listening sockets (netstat's LISTEN rows).</summary>
        public ListenerTable Listeners { get; }

        /// <summary>The telnet service (sessions in use, login counters); set once it exists.</summary>
        public TelnetService Telnet { get; set; }

        /// <summary>The shell's command table (for <c>help</c>); set once it exists.</summary>
        public Shell Shell { get; set; }
    }
}
