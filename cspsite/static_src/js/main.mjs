// Progressive enhancement only: every page works without this file.
import {
  Accordion,
  Button,
  ErrorSummary,
  ExitThisPage,
  ServiceNavigation,
  SkipLink,
  createAll,
} from "govuk-frontend";

import { initAlertDismissal } from "./alerts.mjs";

createAll(Button);
createAll(SkipLink);
createAll(ServiceNavigation);
createAll(Accordion);
createAll(ErrorSummary);
createAll(ExitThisPage);
initAlertDismissal(document);
