namespace NanoTcp.Firmware
{
    /// <summary>
    /// The telnet shell on TCP port 23 (RFC 854): a listener, a fixed number of <see cref="TelnetSession"/> slots,
    /// the shared shell and the device-wide login throttle. Only what can be served is accepted (issue 12, honest
    /// accept policy): while every session is busy, further connections wait in the listener's backlog and get a
    /// session when one frees; beyond the backlog the stack refuses them (a RST for a completed handshake, or a
    /// dropped SYN the client retries). Nothing is accepted only to be closed.
    /// </summary>
    public sealed class TelnetService
    {
        private readonly NetworkStack _stack;
        private readonly TelnetSession[] _sessions;
        private readonly byte[] _password;
        private readonly AsciiWriter _logLine = new AsciiWriter(96);
        private readonly char[] _logChars = new char[96];
        private long _rebootAtMs = long.MaxValue;

        /// <summary>Opens the listener and allocates every session slot.</summary>
        public TelnetService(NetworkStack stack, FirmwareSettings settings, IFirmwarePlatform platform, ILink link,
            PingClient ping, ListenerTable listeners)
        {
            _stack = stack;
            _password = string.IsNullOrEmpty(settings.TelnetPassword) ? null : Ascii(settings.TelnetPassword);
            Environment = new ShellEnvironment(stack, settings, platform, link, ping, listeners);
            Environment.Telnet = this;
            Shell = new Shell(Environment);
            Throttle = new LoginThrottle(settings.LoginFailureDelayMs, settings.LoginMaxDelayMs);
            int count = settings.TelnetSessions < 1 ? 1 : settings.TelnetSessions;
            int outputSize = settings.SessionOutputBufferSize < 512 ? 512 : settings.SessionOutputBufferSize;
            int lineLength = settings.MaxLineLength < 16 ? 16 : settings.MaxLineLength;
            _sessions = new TelnetSession[count];
            for (int i = 0; i < count; i++)
            {
                _sessions[i] = new TelnetSession(this, stack, Environment, i, outputSize, lineLength);
            }
            Listener = stack.Listen(settings.TelnetPort, count + 1);
            listeners.Add("telnet", settings.TelnetPort, Listener);
        }

        /// <summary>The listener handle (negative: Listen failed, see <see cref="TcpError"/>).</summary>
        public int Listener { get; }

        /// <summary>What every session shares.</summary>
        public ShellEnvironment Environment { get; }

        /// <summary>The command table.</summary>
        public Shell Shell { get; }

        /// <summary>The device-wide password back-off.</summary>
        public LoginThrottle Throttle { get; }

        /// <summary>The service's counters.</summary>
        public TelnetCounters Counters { get; } = new TelnetCounters();

        /// <summary>True when a password is configured.</summary>
        public bool PasswordRequired => _password != null;

        /// <summary>Session slots.</summary>
        public int SessionCount => _sessions.Length;

        /// <summary>Session <paramref name="index"/>.</summary>
        public TelnetSession GetSession(int index) => _sessions[index];

        /// <summary>Slots holding a connection.</summary>
        public int SessionsInUse
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _sessions.Length; i++)
                {
                    if (_sessions[i].InUse) n++;
                }
                return n;
            }
        }

        /// <summary>
        /// True (once) when a session's <c>reboot</c> has been sent and closed and the grace time has passed.
        /// </summary>
        public bool TakeRebootDue(long nowMs)
        {
            if (nowMs < _rebootAtMs) return false;
            _rebootAtMs = long.MaxValue;
            return true;
        }

        /// <summary>Accepts new connections and runs every session; returns the earliest deadline.</summary>
        public long Poll(long nowMs)
        {
            AcceptConnections(nowMs);
            long next = _rebootAtMs;
            for (int i = 0; i < _sessions.Length; i++)
            {
                next = Deadline.Earliest(next, _sessions[i].Poll(nowMs));
            }
            return next;
        }

        /// <summary>Compares a password line with the configured one in time independent of where they differ.</summary>
        public bool CheckPassword(byte[] line, int length)
        {
            if (_password == null) return true;
            int difference = _password.Length ^ length;
            for (int i = 0; i < _password.Length; i++)
            {
                byte typed = i < length ? line[i] : (byte)0;
                difference |= _password[i] ^ typed;
            }
            return difference == 0;
        }

        /// <summary>Restarts the device one second after <paramref name="nowMs"/>, leaving TCP time to deliver the goodbye.</summary>
        public void ScheduleReboot(long nowMs)
        {
            _rebootAtMs = nowMs + 1000;
        }

        /// <summary>Logs "<paramref name="prefix"/>N (ip:port) <paramref name="suffix"/>" (rare events only: it allocates the string).</summary>
        public void LogSession(string prefix, TelnetSession session, string suffix)
        {
            _logLine.Clear();
            _logLine.Write(prefix);
            _logLine.WriteDecimal(session.Index);
            _logLine.Write(" (");
            _logLine.WriteEndpoint(session.RemoteIp, session.RemotePort);
            _logLine.Write(")");
            if (suffix != null)
            {
                _logLine.Write(" ");
                _logLine.Write(suffix);
            }
            int n = _logLine.CopyTo(_logChars);
            Environment.Platform.Log(new string(_logChars, 0, n));
        }

        private void AcceptConnections(long nowMs)
        {
            if (Listener < 0) return;
            TelnetSession free;
            while ((free = FindFreeSession()) != null)
            {
                int connection = _stack.Accept(Listener);
                if (connection < 0) return;
                Counters.SessionsOpened++;
                free.Open(connection, nowMs);
                LogSession("telnet: connection on session ", free, null);
            }
        }

        private TelnetSession FindFreeSession()
        {
            for (int i = 0; i < _sessions.Length; i++)
            {
                if (!_sessions[i].InUse) return _sessions[i];
            }
            return null;
        }

        private static byte[] Ascii(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = text[i] < 0x80 ? (byte)text[i] : (byte)'?';
            return bytes;
        }
    }
}
