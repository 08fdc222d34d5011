namespace NanoTcp.Firmware
{
    /// <summary>What the telnet service counts (shown by <c>stats</c>).</summary>
    public sealed class TelnetCounters
    {
        /// <summary>Number of counters.</summary>
        public const int Count = 8;

        /// <summary>Connections given a session.</summary>
        public long SessionsOpened;
        /// <summary>Successful logins.</summary>
        public long Logins;
        /// <summary>Wrong passwords.</summary>
        public long LoginFailures;
        /// <summary>Sessions closed after too many wrong passwords or the login timeout.</summary>
        public long LoginsAbandoned;
        /// <summary>Sessions closed by the idle timeout.</summary>
        public long IdleTimeouts;
        /// <summary>Lines discarded for exceeding the length limit.</summary>
        public long LinesTooLong;
        /// <summary>Sessions that ended with a reset or error instead of a clean close.</summary>
        public long SessionsReset;
        /// <summary>Option requests received (IAC WILL/WONT/DO/DONT).</summary>
        public long OptionRequests;

        /// <summary>Name of counter <paramref name="index"/>.</summary>
        public static string Name(int index)
        {
            switch (index)
            {
                case 0: return "sessions_opened";
                case 1: return "logins";
                case 2: return "login_failures";
                case 3: return "logins_abandoned";
                case 4: return "idle_timeouts";
                case 5: return "lines_too_long";
                case 6: return "sessions_reset";
                default: return "option_requests";
            }
        }

        /// <summary>Value of counter <paramref name="index"/>.</summary>
        public long Value(int index)
        {
            switch (index)
            {
                case 0: return SessionsOpened;
                case 1: return Logins;
                case 2: return LoginFailures;
                case 3: return LoginsAbandoned;
                case 4: return IdleTimeouts;
                case 5: return LinesTooLong;
                case 6: return SessionsReset;
                default: return OptionRequests;
            }
        }
    }
}
