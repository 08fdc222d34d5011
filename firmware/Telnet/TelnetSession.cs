namespace NanoTcp.Firmware
{
    /// <summary>
    /// One telnet connection: NVT parsing, option negotiation, line editing, login, the running shell command and
    /// the output staging buffer. Everything is allocated once per session slot; <see cref="Poll"/> allocates
    /// nothing. Input is consumed only while the output buffer has room for what it can cause, so a peer that
    /// sends without reading (or floods) is slowed down by TCP flow control instead of growing anything.
    /// </summary>
    public sealed class TelnetSession : INvtReceiver
    {
        private const int InputBufferSize = 64;
        private const int InputReserve = ShellContext.LineReserve + 32; // worst case of one input byte (a command line)
        private const int ReadRoundsPerPoll = 4;
        private const int CloseTimeoutMs = 5000;
        private const byte CtrlC = 0x03;

        private readonly TelnetService _service;
        private readonly NetworkStack _stack;
        private readonly AsciiWriter _output;
        private readonly NvtParser _parser = new NvtParser();
        private readonly TelnetOptionNegotiation _options = new TelnetOptionNegotiation();
        private readonly NvtLineEditor _editor;
        private readonly ShellContext _context;
        private readonly byte[] _input = new byte[InputBufferSize];
        private readonly TcpConnectionInfo _info;
        private int _inputStart;
        private int _inputCount;
        private bool _moreInput;
        private bool _peerFinished;
        private ShellCommand _running;
        private bool _passwordPending;
        private int _loginFailures;
        private long _connectedAtMs;
        private long _closeDeadlineMs;
        private long _lastOutputMs;
        private long _nowMs;

        /// <summary>Allocates the session slot's buffers.</summary>
        public TelnetSession(TelnetService service, NetworkStack stack, ShellEnvironment environment, int index,
            int outputBufferSize, int maxLineLength)
        {
            _service = service;
            _stack = stack;
            Index = index;
            _output = new AsciiWriter(outputBufferSize);
            _editor = new NvtLineEditor(maxLineLength);
            _context = new ShellContext(environment, _output, index);
            _info = environment.ConnectionInfo;
        }

        /// <summary>Index of the slot.</summary>
        public int Index { get; }

        /// <summary>Where the session is.</summary>
        public SessionPhase Phase { get; private set; }

        /// <summary>True while the slot holds a connection.</summary>
        public bool InUse => Phase != SessionPhase.Free;

        /// <summary>True once the password was accepted (or none is configured).</summary>
        public bool LoggedIn { get; private set; }

        /// <summary>The connection handle (valid while <see cref="InUse"/>).</summary>
        public int Connection { get; private set; }

        /// <summary>The peer's address.</summary>
        public uint RemoteIp { get; private set; }

        /// <summary>The peer's port.</summary>
        public int RemotePort { get; private set; }

        /// <summary>When input last arrived (or a command finished).</summary>
        public long LastInputMs { get; private set; }

        /// <summary>The negotiated options (for tests and diagnostics).</summary>
        public TelnetOptionNegotiation Options => _options;

        /// <summary>The parser (for tests and diagnostics).</summary>
        public NvtParser Parser => _parser;

        /// <summary>Takes over an accepted connection: offers the options and writes the banner and first prompt.</summary>
        public void Open(int connection, long nowMs)
        {
            Connection = connection;
            _context.Connection = connection;
            _context.ExitRequested = false;
            _context.RebootRequested = false;
            FindPeer(connection);
            _parser.Reset();
            _options.Reset();
            _editor.Reset();
            _output.Clear();
            _inputStart = 0;
            _inputCount = 0;
            _running = null;
            _passwordPending = false;
            _peerFinished = false;
            _loginFailures = 0;
            _connectedAtMs = nowMs;
            LastInputMs = nowMs;
            _lastOutputMs = nowMs;
            _nowMs = nowMs;
            LoggedIn = !_service.PasswordRequired;
            Phase = LoggedIn ? SessionPhase.Shell : SessionPhase.Login;
            _options.Offer(_output);
            _output.NewLine();
            _output.Write("nanoTcp telnet on ");
            _output.Write(_service.Environment.Platform.BoardName);
            _output.Write(" (");
            _output.Write(_service.Environment.Settings.HostName);
            _output.WriteLine(")");
            if (LoggedIn) _output.WriteLine("Type 'help' for commands.");
            WritePrompt();
        }

        /// <summary>
        /// Sends staged output, reads and handles input, steps a running command and checks the timers.
        /// Returns the time by which it needs to run again (<paramref name="nowMs"/> when more input is waiting).
        /// </summary>
        public long Poll(long nowMs)
        {
            if (Phase == SessionPhase.Free) return long.MaxValue;
            _nowMs = nowMs;
            Flush();
            if (Phase != SessionPhase.Closing && Phase != SessionPhase.Free)
            {
                ReadInput();
                StepCommand();
                CheckTimers();
                if (_peerFinished && _running == null && _inputCount == 0 && !_passwordPending) BeginClose();
                Flush();
            }
            if (Phase == SessionPhase.Closing) return ProgressClose();
            if (Phase == SessionPhase.Free) return long.MaxValue;
            return NextDeadline();
        }

        void INvtReceiver.OnData(byte value)
        {
            _editor.Echo = _options.EchoOn;
            switch (_editor.Feed(value, _output))
            {
                case LineEvent.Completed:
                    OnLine();
                    break;
                case LineEvent.TooLong:
                    _service.Counters.LinesTooLong++;
                    _output.Write("error: line too long (limit ");
                    _output.WriteDecimal(_editor.MaxLength);
                    _output.WriteLine(" characters)");
                    WritePrompt();
                    break;
                case LineEvent.Interrupt:
                    Interrupt();
                    break;
                case LineEvent.Erased:
                    EraseLine();
                    break;
                case LineEvent.EndOfInput:
                    if (Phase == SessionPhase.Shell) _output.WriteLine("exit");
                    BeginClose();
                    break;
            }
        }

        void INvtReceiver.OnCommand(byte command)
        {
            switch (command)
            {
                case TelnetCommand.IP:
                case TelnetCommand.BRK:
                    Interrupt();
                    break;
                case TelnetCommand.EC:
                    _editor.EraseCharacter(_output);
                    break;
                case TelnetCommand.EL:
                    _editor.Clear();
                    EraseLine();
                    break;
                case TelnetCommand.AYT:
                    _output.NewLine();
                    _output.WriteLine("[nanoTcp: yes]");
                    break;
                // NOP, DM, GA, AO and undefined commands need no action.
            }
        }

        void INvtReceiver.OnOption(byte verb, byte option)
        {
            _service.Counters.OptionRequests++;
            _options.Receive(verb, option, _output);
        }

        private void ReadInput()
        {
            _moreInput = false;
            for (int round = 0; round < ReadRoundsPerPoll; round++)
            {
                if (_inputCount == 0 && (_peerFinished || !Receive())) return;
                if (_running != null)
                {
                    // Type-ahead waits for the command to finish; only an interrupt is acted on now.
                    if (TakeInterrupt()) continue;
                    if (_inputCount == _input.Length || _peerFinished || !Receive()) return;
                    if (!TakeInterrupt()) return;
                    continue;
                }
                while (_inputCount > 0 && _output.Free >= InputReserve && !_passwordPending && _running == null)
                {
                    byte value = _input[_inputStart++];
                    _inputCount--;
                    _parser.Feed(value, this);
                    if (Phase == SessionPhase.Closing) return;
                }
                if (_inputCount > 0) return; // output full, a command started or a password check waits
            }
            _moreInput = true;
        }

        // While a command runs: finds Ctrl-C or IAC IP in the waiting input, drops the input up to it (as a terminal
        // flushes type-ahead on an interrupt) and interrupts the command.
        private bool TakeInterrupt()
        {
            int end = _inputStart + _inputCount;
            for (int i = _inputStart; i < end; i++)
            {
                bool interruptProcess = _input[i] == TelnetCommand.IP && i > _inputStart && _input[i - 1] == TelnetCommand.IAC;
                if (_input[i] != CtrlC && !interruptProcess) continue;
                _inputCount = end - i - 1;
                _inputStart = i + 1;
                Interrupt();
                return true;
            }
            return false;
        }

        // Appends what has arrived to the input buffer; false when nothing arrived or the connection ended.
        private bool Receive()
        {
            if (_inputStart > 0)
            {
                System.Array.Copy(_input, _inputStart, _input, 0, _inputCount);
                _inputStart = 0;
            }
            if (_inputCount == _input.Length) return false; // full: a 0-byte Receive is InvalidArgument, not EOF
            int got = _stack.Receive(Connection, _input, _inputCount, _input.Length - _inputCount);
            if (got > 0)
            {
                _inputCount += got;
                LastInputMs = _nowMs;
                return true;
            }
            // The peer's FIN (CLOSE-WAIT): finish what it asked for, then close our side too (RFC 9293 §3.10.4),
            // so `printf 'pw\nstats\n' | nc -N host 23` gets the whole table.
            if (got == 0) _peerFinished = true;
            else if (got != TcpError.WouldBlock) Drop();
            return false;
        }

        private void StepCommand()
        {
            if (_running == null || Phase != SessionPhase.Shell || _output.Free < ShellContext.LineReserve) return;
            _context.NowMs = _nowMs;
            if (_running.Continue(_context, _nowMs))
            {
                _running = null;
                AfterCommand();
            }
        }

        private void CheckTimers()
        {
            if (Phase == SessionPhase.Free || Phase == SessionPhase.Closing) return;
            if (_passwordPending && _service.Throttle.MayCheck(_nowMs))
            {
                _passwordPending = false;
                CheckPassword();
                return;
            }
            if (Phase == SessionPhase.Login && _nowMs - _connectedAtMs >= _service.Environment.Settings.LoginTimeoutMs)
            {
                _service.Counters.LoginsAbandoned++;
                _output.NewLine();
                _output.WriteLine("login timed out");
                BeginClose();
            }
            else if (_nowMs >= IdleDeadline())
            {
                _service.Counters.IdleTimeouts++;
                _output.NewLine();
                _output.WriteLine("idle timeout");
                BeginClose();
            }
        }

        private long NextDeadline()
        {
            if (_moreInput || (_inputCount > 0 && _output.Free >= InputReserve && !_passwordPending && _running == null))
            {
                return _nowMs;
            }
            FirmwareSettings settings = _service.Environment.Settings;
            long next = long.MaxValue;
            if (_passwordPending) next = Deadline.Earliest(next, _service.Throttle.NextCheckAtMs);
            if (Phase == SessionPhase.Login) next = Deadline.Earliest(next, _connectedAtMs + settings.LoginTimeoutMs);
            if (_running != null) next = Deadline.Earliest(next, _running.Deadline(_context));
            return Deadline.Earliest(next, IdleDeadline());
        }

        // Idle means neither input from the peer nor output taken by TCP: a long ping keeps a session alive, a
        // peer that stopped reading (its window closed, our output stuck) does not.
        private long IdleDeadline()
        {
            long last = LastInputMs > _lastOutputMs ? LastInputMs : _lastOutputMs;
            return last + _service.Environment.Settings.IdleTimeoutMs;
        }

        private void OnLine()
        {
            if (Phase == SessionPhase.Login)
            {
                _passwordPending = true;
                if (_service.Throttle.MayCheck(_nowMs))
                {
                    _passwordPending = false;
                    CheckPassword();
                }
                return;
            }
            _context.NowMs = _nowMs;
            _running = _service.Shell.Execute(_context, _editor.Line, _editor.Length, _nowMs);
            _editor.Clear();
            if (_running == null) AfterCommand();
        }

        private void CheckPassword()
        {
            bool correct = _service.CheckPassword(_editor.Line, _editor.Length);
            _editor.Clear();
            if (correct)
            {
                _service.Throttle.Succeeded();
                _service.Counters.Logins++;
                _service.LogSession("telnet: login on session ", this, null);
                LoggedIn = true;
                Phase = SessionPhase.Shell;
                _output.WriteLine("Type 'help' for commands.");
                WritePrompt();
                return;
            }
            _service.Throttle.Failed(_nowMs);
            _service.Counters.LoginFailures++;
            _service.LogSession("telnet: wrong password on session ", this, null);
            _output.WriteLine("Login incorrect");
            if (++_loginFailures >= _service.Environment.Settings.MaxLoginAttempts)
            {
                _service.Counters.LoginsAbandoned++;
                _output.WriteLine("too many failures");
                BeginClose();
                return;
            }
            WritePrompt();
        }

        private void AfterCommand()
        {
            LastInputMs = _nowMs;
            if (_context.ExitRequested || _context.RebootRequested)
            {
                BeginClose();
                return;
            }
            WritePrompt();
        }

        private void Interrupt()
        {
            _editor.Clear();
            if (_options.EchoOn) _output.WriteLine("^C");
            if (_running != null)
            {
                _context.NowMs = _nowMs;
                _running.Interrupt(_context, _nowMs);
                _running = null;
                LastInputMs = _nowMs;
            }
            if (Phase == SessionPhase.Login || Phase == SessionPhase.Shell) WritePrompt();
        }

        private void EraseLine()
        {
            if (!_options.EchoOn) return;
            _output.WriteLine("^U");
            WritePrompt();
        }

        private void WritePrompt()
        {
            _editor.Secret = Phase == SessionPhase.Login;
            if (Phase == SessionPhase.Login)
            {
                _output.Write("Password: ");
                return;
            }
            _output.Write(_service.Environment.Settings.HostName);
            _output.Write("> ");
        }

        private void Flush()
        {
            if (_output.Count == 0 || Phase == SessionPhase.Free) return;
            int sent = _stack.Send(Connection, _output.Buffer, _output.Start, _output.Count);
            if (sent > 0)
            {
                _output.Consume(sent);
                _lastOutputMs = _nowMs;
            }
            else if (sent < 0 && sent != TcpError.WouldBlock) Drop();
        }

        private void BeginClose()
        {
            if (Phase == SessionPhase.Closing || Phase == SessionPhase.Free) return;
            EndRunningCommand();
            Phase = SessionPhase.Closing;
            _closeDeadlineMs = _nowMs + CloseTimeoutMs;
        }

        // Hands the rest of the output to TCP, then closes (FIN after the data); resets a peer that stopped reading.
        private long ProgressClose()
        {
            Flush();
            if (Phase == SessionPhase.Free) return long.MaxValue;
            if (_output.Count == 0)
            {
                _stack.Close(Connection);
                Release("closed");
                return long.MaxValue;
            }
            if (_nowMs < _closeDeadlineMs) return _closeDeadlineMs;
            _stack.Abort(Connection);
            _service.Counters.SessionsReset++;
            Release("reset (output not accepted)");
            return long.MaxValue;
        }

        // The connection failed (reset, timeout): release the stack's slot and ours.
        private void Drop()
        {
            EndRunningCommand();
            _stack.Close(Connection);
            _service.Counters.SessionsReset++;
            Release("lost");
        }

        private void Release(string how)
        {
            Phase = SessionPhase.Free;
            _inputCount = 0;
            _output.Clear();
            if (_context.RebootRequested) _service.ScheduleReboot(_nowMs);
            _service.LogSession("telnet: session ", this, how);
        }

        private void EndRunningCommand()
        {
            if (_running == null) return;
            _context.NowMs = _nowMs;
            _running.Interrupt(_context, _nowMs);
            _running = null;
        }

        private void FindPeer(int connection)
        {
            RemoteIp = 0;
            RemotePort = 0;
            for (int slot = 0; slot < _stack.ConnectionSlotCount; slot++)
            {
                if (_stack.GetConnectionInfo(slot, _info) && _info.Handle == connection)
                {
                    RemoteIp = _info.RemoteIp;
                    RemotePort = _info.RemotePort;
                    return;
                }
            }
        }
    }
}
