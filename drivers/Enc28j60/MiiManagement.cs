namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// PHY register access through the MII (DS §3.3.1/§3.3.2): MIREGADR, MICMD.MIIRD or MIWRL/MIWRH, then a
    /// bounded wait for MISTAT.BUSY to clear. Nothing touches MIREGADR, MIWRH or MICMD while BUSY is set, and
    /// MICMD/MISTAT are always accessed with WCR/RCR (they are MII registers: no BFS/BFC, dummy byte on RCR).
    /// </summary>
    internal sealed class MiiManagement
    {
        /// <summary>BUSY lasts 10.24 µs; the first poll comes after this much.</summary>
        private const int BusyMicroseconds = 11;

        /// <summary>Bound on BUSY polls before the operation counts as failed.</summary>
        private const int MaxBusyPolls = 50;

        private readonly SpiInstructionPort _port;
        private readonly IMicrosecondClock _clock;

        public MiiManagement(SpiInstructionPort port, IMicrosecondClock clock)
        {
            _port = port;
            _clock = clock;
        }

        /// <summary>Number of MII operations whose BUSY never cleared within the bound.</summary>
        public int Timeouts { get; private set; }

        /// <summary>Reads a PHY register; returns false (value 0) when BUSY did not clear.</summary>
        public bool TryRead(byte phyRegister, out ushort value)
        {
            value = 0;
            _port.Write(ControlRegister.MIREGADR, phyRegister);
            _port.Write(ControlRegister.MICMD, RegisterBits.MICMD_MIIRD);
            if (!WaitWhileBusy())
            {
                // MICMD must not be written while BUSY; the caller treats the chip as lost and resets it.
                return false;
            }

            _port.Write(ControlRegister.MICMD, 0);
            int low = _port.Read(ControlRegister.MIRDL);
            int high = _port.Read(ControlRegister.MIRDH);
            value = (ushort)(low | (high << 8));
            return true;
        }

        /// <summary>Writes a PHY register (MIWRH last: it starts the write); false when BUSY did not clear.</summary>
        public bool TryWrite(byte phyRegister, ushort value)
        {
            _port.Write(ControlRegister.MIREGADR, phyRegister);
            _port.Write(ControlRegister.MIWRL, (byte)value);
            _port.Write(ControlRegister.MIWRH, (byte)(value >> 8));
            return WaitWhileBusy();
        }

        private bool WaitWhileBusy()
        {
            for (int poll = 0; poll < MaxBusyPolls; poll++)
            {
                _clock.Delay(BusyMicroseconds);
                if ((_port.Read(ControlRegister.MISTAT) & RegisterBits.MISTAT_BUSY) == 0)
                {
                    return true;
                }
            }

            Timeouts++;
            return false;
        }
    }
}
