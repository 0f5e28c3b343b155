import { dedupeJobOnPostgres } from "../../implementations/unique-email/postgres/dedupe-job.js";
import { type CatalogueEntry, correct, racy, twoCommandsOnePreemption } from "../catalogue-entry.js";
import { type EventualCatalogueEntry, settlesCorrectly } from "../eventual/catalogue-entry.js";
import { dedupeJob } from "../../implementations/unique-email/memory/dedupe-job.js";
import { forgetsToNormalizeUniqueEmail } from "../../implementations/unique-email/memory/forgets-to-normalize.js";
import { naiveUniqueEmail } from "../../implementations/unique-email/memory/naive.js";
import { naiveUniqueEmailOnPostgres } from "../../implementations/unique-email/postgres/naive.js";
import { registryUniqueEmail } from "../../implementations/unique-email/memory/registry.js";
import { serializableUniqueEmail } from "../../implementations/unique-email/postgres/serializable.js";
import { uniqueIndexUniqueEmail } from "../../implementations/unique-email/postgres/unique-index.js";
import { lockingReadEmailOnMariadb, lockingReadEmailOnPostgres } from "../../implementations/unique-email/kysely/locking-read.js";
import { lockingReadUniqueEmailOnMariadb } from "../../implementations/unique-email/mariadb/locking-read.js";
import { naiveUniqueEmailOnMariadb } from "../../implementations/unique-email/mariadb/naive.js";
import { serializableUniqueEmailOnMariadb } from "../../implementations/unique-email/mariadb/serializable.js";
import { uniqueIndexUniqueEmailOnMariadb } from "../../implementations/unique-email/mariadb/unique-index.js";

/** The unique-email designs of the catalogue and the verdicts they must get. */
export const uniqueEmailCatalogue: ReadonlyArray<CatalogueEntry> = [
  {
    implementation: naiveUniqueEmail,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "two scans for the e-mail both come back empty before either save",
  },
  { implementation: registryUniqueEmail, expected: correct },
  {
    implementation: forgetsToNormalizeUniqueEmail,
    expected: { sequential: "violated", concurrent: "violated" },
    because: 'compares e-mails as typed: "a@x.io" and " A@x.io" both get registered, even one after the other',
    // Broken without any concurrency: two spellings of one e-mail, one after the other.
    minimal: { commands: 2, preemptions: 0 },
  },
  {
    implementation: naiveUniqueEmailOnPostgres,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "both transactions look for the e-mail before either inserts; READ COMMITTED shows neither the other's row",
  },
  { implementation: uniqueIndexUniqueEmail, expected: correct },
  { implementation: serializableUniqueEmail, expected: correct },
  {
    implementation: naiveUniqueEmailOnMariadb,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "both transactions look for the e-mail before either inserts; READ COMMITTED shows neither the other's row",
  },
  { implementation: uniqueIndexUniqueEmailOnMariadb, expected: correct },
  { implementation: serializableUniqueEmailOnMariadb, expected: correct },
  // Correct on InnoDB only: its FOR UPDATE locks the gap where the missing e-mail would go; PostgreSQL's locks nothing.
  { implementation: lockingReadUniqueEmailOnMariadb, expected: correct },
  // One design written once against Kysely, run on both engines: correct on MariaDB only.
  {
    implementation: lockingReadEmailOnPostgres,
    expected: racy,
    minimal: twoCommandsOnePreemption,
    because: "SELECT … FOR UPDATE locks only rows it returns: two registrations of a free e-mail lock nothing and both insert (InnoDB locks the gap)",
  },
  { implementation: lockingReadEmailOnMariadb, expected: correct },
];

/** The unique-email family's eventually-consistent designs (registrations and unregistrations only). */
export const uniqueEmailEventualCatalogue: ReadonlyArray<EventualCatalogueEntry> = [
  { implementation: dedupeJob, expected: settlesCorrectly },
  { implementation: dedupeJobOnPostgres, expected: settlesCorrectly },
];
