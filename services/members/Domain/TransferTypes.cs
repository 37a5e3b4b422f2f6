namespace PartyGrid.Members.Domain;

public enum TransferStatus
{
    Requested = 1,
    InApproval = 2,
    AwaitingReceipt = 3,
    Completed = 4,
    Rejected = 5,
    Cancelled = 6,
    Expired = 7,
}

public enum TransferStepKind
{
    Approval = 1,
    Receipt = 2,
}

public enum StepDecision
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
    Received = 4,
}
