namespace NanoTcp.Firmware
{
    /// <summary>
    /// The receive side of the RFC 854 Network Virtual Terminal: splits the byte stream into data, commands and
    /// option requests, one byte at a time, keeping its state across TCP segments. Subnegotiations (IAC SB … IAC SE)
    /// are skipped without being stored, whatever their length. A stray IAC inside a subnegotiation that is neither
    /// IAC IAC nor IAC SE ends the subnegotiation and is interpreted as a command, as BSD telnetd does, so a
    /// malformed SB can never swallow the rest of the session.
    /// </summary>
    public sealed class NvtParser
    {
        private const int Data = 0;
        private const int Iac = 1;
        private const int Option = 2;
        private const int Subnegotiation = 3;
        private const int SubnegotiationIac = 4;

        private int _state;
        private byte _verb;

        /// <summary>Subnegotiation bytes skipped so far (for <c>stats</c> and tests).</summary>
        public long SubnegotiationBytesSkipped { get; private set; }

        /// <summary>Back to the data state (a new connection).</summary>
        public void Reset()
        {
            _state = Data;
            SubnegotiationBytesSkipped = 0;
        }

        /// <summary>Consumes one received byte and reports what it completes to <paramref name="receiver"/>.</summary>
        public void Feed(byte value, INvtReceiver receiver)
        {
            switch (_state)
            {
                case Data:
                    if (value == TelnetCommand.IAC) _state = Iac;
                    else receiver.OnData(value);
                    break;
                case Iac:
                    AfterIac(value, receiver);
                    break;
                case Option:
                    _state = Data;
                    receiver.OnOption(_verb, value);
                    break;
                case Subnegotiation:
                    if (value == TelnetCommand.IAC) _state = SubnegotiationIac;
                    else SubnegotiationBytesSkipped++;
                    break;
                default: // SubnegotiationIac
                    if (value == TelnetCommand.IAC)
                    {
                        SubnegotiationBytesSkipped++;
                        _state = Subnegotiation;
                    }
                    else if (value == TelnetCommand.SE)
                    {
                        _state = Data;
                    }
                    else
                    {
                        AfterIac(value, receiver);
                    }
                    break;
            }
        }

        private void AfterIac(byte value, INvtReceiver receiver)
        {
            if (value == TelnetCommand.IAC)
            {
                _state = Data;
                receiver.OnData(value);
            }
            else if (value >= TelnetCommand.WILL)
            {
                _verb = value;
                _state = Option;
            }
            else if (value == TelnetCommand.SB)
            {
                _state = Subnegotiation;
            }
            else
            {
                // SE outside a subnegotiation, NOP, DM, BRK, IP, AO, AYT, EC, EL, GA and undefined codes.
                _state = Data;
                receiver.OnCommand(value);
            }
        }
    }
}
