import { transferSagaOnPostgres } from "../../implementations/bank-transfer/postgres/transfer-saga.js";
import { type CatalogueEntry, correct, racy, twoCommandsOnePreemption } from "../catalogue-entry.js";
import { type EventualCatalogueEntry, settlesCorrectly } from "../eventual/catalogue-entry.js";
import { transferSaga } from "../../implementations/bank-transfer/memory/transfer-saga.js";
import { checkThenDebitBankTransfer } from "../../implementations/bank-transfer/memory/check-then-debit.js";
import { conditionalUpdateBankTransfer } from "../../implementations/bank-transfer/postgres/conditional-update.js";
import { ledgerBankTransfer } from "../../implementations/bank-transfer/memory/ledger.js";
import { naiveBankTransfer } from "../../implementations/bank-transfer/memory/naive.js";
import { naiveBankTransferOnPostgres } from "../../implementations/bank-transfer/postgres/naive.js";
import { unitOfWorkBankTransfer } from "../../implementations/bank-transfer/memory/unit-of-work.js";
import { unitOfWorkBankTransferOnPostgres } from "../../implementations/bank-transfer/postgres/unit-of-work.js";
import { conditionalUpdateBankTransferOnMariadb } from "../../implementations/bank-transfer/mariadb/conditional-update.js";
import { naiveBankTransferOnMariadb, naiveRepeatableReadBankTransferOnMariadb } from "../../implementations/bank-transfer/mariadb/naive.js";
import { unitOfWorkBankTransferOnMariadb } from "../../implementations/bank-transfer/mariadb/unit-of-work.js";

/** The bank-transfer designs of the catalogue and the verdicts they must get. */
export const bankTransferCatalogue: ReadonlyArray<CatalogueEntry> = [
  {
    implementation: naiveBankTransfer,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "a save computed from a stale balance overwrites another command's money (lost update)",
  },
  { implementation: unitOfWorkBankTransfer, expected: correct },
  { implementation: ledgerBankTransfer, expected: correct },
  {
    implementation: checkThenDebitBankTransfer,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "two transfers pass the funds check before either debits",
  },
  {
    implementation: naiveBankTransferOnPostgres,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "an UPDATE to a balance computed from a stale SELECT overwrites another command's money (lost update)",
  },
  { implementation: conditionalUpdateBankTransfer, expected: correct },
  { implementation: unitOfWorkBankTransferOnPostgres, expected: correct },
  {
    implementation: naiveBankTransferOnMariadb,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "an UPDATE to a balance computed from a stale SELECT overwrites another command's money (lost update)",
  },
  {
    implementation: naiveRepeatableReadBankTransferOnMariadb,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because:
      "lost update at REPEATABLE READ: InnoDB's second UPDATE overwrites the first one's commit, where PostgreSQL fails it with 40001 and the retry would save the design",
  },
  { implementation: conditionalUpdateBankTransferOnMariadb, expected: correct },
  { implementation: unitOfWorkBankTransferOnMariadb, expected: correct },
];

/** The bank-transfer family's eventually-consistent designs and the verdicts they must get. */
export const bankTransferEventualCatalogue: ReadonlyArray<EventualCatalogueEntry> = [
  { implementation: transferSaga, expected: settlesCorrectly },
  { implementation: transferSagaOnPostgres, expected: settlesCorrectly },
];
