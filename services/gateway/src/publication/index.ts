import { SchoolPublicationController } from './school-publication.controller.js';

/** Registered in the gateway's AppModule. */
export const PUBLICATION_CONTROLLERS = [SchoolPublicationController];
