namespace NanoTcp.Firmware
{
    /// <summary>What one service step did with a connection.</summary>
    public enum ServiceStep
    {
        /// <summary>Nothing more to do until the network moves.</summary>
        Idle = 0,
        /// <summary>Work is left (data waiting, space available): poll again at once.</summary>
        Busy,
        /// <summary>The connection ended (FIN handled, reset or error): release the slot.</summary>
        Finished,
    }
}
